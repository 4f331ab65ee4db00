namespace Bodywork.Engine;
