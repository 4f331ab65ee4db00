namespace Bodywork.Commands;
