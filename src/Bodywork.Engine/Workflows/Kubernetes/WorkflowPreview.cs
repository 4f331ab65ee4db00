using System.Text.Json;
using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Engine.Manifests;
using Bodywork.Models.Projects;

namespace Bodywork.Engine.Workflows.Kubernetes;

/// <summary>
/// Every object a run would apply, rendered locally as JSON (for -WhatIf/-Confirm). Credentials in the
/// repository URL are redacted from the rendering.
/// </summary>
public static class WorkflowPreview
{
    /// <summary>One object a run would apply.</summary>
    /// <param name="Kind">Job, Deployment or Service.</param>
    /// <param name="Name">Object name.</param>
    /// <param name="Step">1-based DAG step.</param>
    /// <param name="Json">The manifest as JSON.</param>
    public sealed record PlannedObject(string Kind, string Name, int Step, string Json);

    /// <summary>The objects of every step, in order.</summary>
    public static IReadOnlyList<PlannedObject> Plan(BodyworkProject project, StageSource source)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(source);
        var shown = source with { RepoUrl = Git.GitUrls.Redact(source.RepoUrl) };
        var planned = new List<PlannedObject>();
        for (var i = 0; i < project.Steps.Count; i++)
        {
            foreach (var stage in project.Steps[i].Select(project.GetStage))
            {
                if (stage.Kind == StageKind.Batch)
                {
                    planned.Add(new("Job", stage.ObjectName, i + 1,
                        JsonSerializer.Serialize(JobManifest.Build(stage, project.Path, shown), KubernetesJsonContext.Default.Job)));
                }
                else
                {
                    planned.Add(new("Deployment", stage.ObjectName, i + 1,
                        JsonSerializer.Serialize(DeploymentManifest.Build(stage, project.Path, shown), KubernetesJsonContext.Default.Deployment)));
                    planned.Add(new("Service", stage.ObjectName, i + 1,
                        JsonSerializer.Serialize(ServiceManifest.Build(stage, shown), KubernetesJsonContext.Default.Service)));
                }
            }
        }

        return planned;
    }
}
