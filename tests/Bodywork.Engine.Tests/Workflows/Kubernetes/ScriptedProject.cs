using Bodywork.Engine.Tests.Support;

namespace Bodywork.Engine.Tests.Workflows.Kubernetes;

/// <summary>A small project committed to a test repository (stage pods are scripted by the fake, not run).</summary>
internal sealed class ScriptedProject : IDisposable
{
    private readonly ProjectBuilder _builder;

    public ScriptedProject(Action<ProjectBuilder> configure, string projectName = "scripted")
    {
        _builder = new ProjectBuilder().WithProjectName(projectName);
        configure(_builder);
        Repo = TestGitRepo.FromFolder(_builder.Build());
    }

    public TestGitRepo Repo { get; }

    public void Dispose()
    {
        Repo.Dispose();
        _builder.Dispose();
    }
}
