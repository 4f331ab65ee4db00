namespace Bodywork.Models.Projects;

public enum StageKind
{
    Batch,
    Service,
}
