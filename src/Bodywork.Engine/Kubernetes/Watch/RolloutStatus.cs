using System.Globalization;
using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Models;

namespace Bodywork.Engine.Kubernetes.Watch;

/// <summary>Where a Deployment rollout stands, or how a wait for it ended.</summary>
public enum RolloutOutcomeKind
{
    /// <summary>Still rolling out (only from <see cref="RolloutStatus.Evaluate"/>).</summary>
    InProgress,

    /// <summary>"successfully rolled out".</summary>
    Succeeded,

    /// <summary>Progressing=False with reason ProgressDeadlineExceeded.</summary>
    ProgressDeadlineExceeded,

    /// <summary>spec.paused: it would never finish; reported instead of waiting forever.</summary>
    Paused,

    /// <summary>ReplicaFailure=True (quota, PodSecurity…): pods cannot even be created.</summary>
    ReplicaFailure,

    /// <summary>The Deployment's revision is not the one asked for.</summary>
    RevisionMismatch,

    /// <summary>The Deployment was deleted (or did not exist).</summary>
    Deleted,

    /// <summary>The wait's timeout passed first.</summary>
    TimedOut,
}

/// <summary>A rollout state: kind plus kubectl's status message.</summary>
public sealed record RolloutOutcome(RolloutOutcomeKind Kind, string Message, Deployment? Deployment)
{
    /// <summary>True when the rollout is over (any kind but <see cref="RolloutOutcomeKind.InProgress"/>).</summary>
    public bool IsFinal => Kind != RolloutOutcomeKind.InProgress;

    /// <summary>True for <see cref="RolloutOutcomeKind.Succeeded"/>.</summary>
    public bool IsSuccess => Kind == RolloutOutcomeKind.Succeeded;
}

/// <summary>kubectl rollout status (spec §3.4), plus the paused and ReplicaFailure cases kubectl waits on forever.</summary>
public static class RolloutStatus
{
    /// <summary>Evaluates one observed state of a Deployment, in kubectl's order.</summary>
    public static RolloutOutcome Evaluate(Deployment deployment, long? revision = null)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var name = deployment.Metadata.Name;
        var status = deployment.Status ?? new DeploymentStatus();
        var spec = deployment.Spec;
        RolloutOutcome Outcome(RolloutOutcomeKind kind, string message) => new(kind, message, deployment);
        static string N(int? value) => (value ?? 0).ToString(CultureInfo.InvariantCulture);

        if (revision is { } wanted)
        {
            var annotation = deployment.Metadata.Annotations?.GetValueOrDefault("deployment.kubernetes.io/revision");
            if (!long.TryParse(annotation, NumberStyles.None, CultureInfo.InvariantCulture, out var actual) || actual != wanted)
            {
                return Outcome(RolloutOutcomeKind.RevisionMismatch,
                    $"deployment \"{name}\" is at revision {annotation ?? "(none)"}, not {wanted.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        if (spec?.Paused == true)
        {
            return Outcome(RolloutOutcomeKind.Paused, $"deployment \"{name}\" is paused; resume it to continue the rollout");
        }

        if ((deployment.Metadata.Generation ?? 0) > (status.ObservedGeneration ?? 0))
        {
            return Outcome(RolloutOutcomeKind.InProgress, "Waiting for deployment spec update to be observed...");
        }

        var conditions = status.Conditions ?? [];
        if (conditions.FirstOrDefault(c => c.Type == "Progressing") is { Reason: "ProgressDeadlineExceeded" } progressing)
        {
            return Outcome(RolloutOutcomeKind.ProgressDeadlineExceeded,
                $"deployment \"{name}\" exceeded its progress deadline" + (progressing.Message is { Length: > 0 } m ? ": " + m : ""));
        }

        if (conditions.FirstOrDefault(c => c.Type == "ReplicaFailure" && c.Status == "True") is { } replicaFailure)
        {
            return Outcome(RolloutOutcomeKind.ReplicaFailure,
                $"deployment \"{name}\" cannot create pods: {replicaFailure.Reason}: {replicaFailure.Message}");
        }

        var updated = status.UpdatedReplicas ?? 0;
        if (spec?.Replicas is { } desired && updated < desired)
        {
            return Outcome(RolloutOutcomeKind.InProgress,
                $"Waiting for deployment \"{name}\" rollout to finish: {N(updated)} out of {N(desired)} new replicas have been updated...");
        }

        if ((status.Replicas ?? 0) > updated)
        {
            return Outcome(RolloutOutcomeKind.InProgress,
                $"Waiting for deployment \"{name}\" rollout to finish: {N(status.Replicas - updated)} old replicas are pending termination...");
        }

        if ((status.AvailableReplicas ?? 0) < updated)
        {
            return Outcome(RolloutOutcomeKind.InProgress,
                $"Waiting for deployment \"{name}\" rollout to finish: {N(status.AvailableReplicas)} of {N(updated)} updated replicas are available...");
        }

        return Outcome(RolloutOutcomeKind.Succeeded, $"deployment \"{name}\" successfully rolled out");
    }

    /// <summary>
    /// Watches the Deployment until its rollout is final, or the timeout passes. <paramref name="onProgress"/>
    /// receives each in-progress message (deduplicated), e.g. for Write-Progress.
    /// </summary>
    public static async Task<RolloutOutcome> WaitAsync(INamespacedResourceClient<Deployment> deployments, string namespaceName, string name,
        TimeSpan timeout, long? revision = null, Action<string>? onProgress = null, CancellationToken cancellationToken = default)
    {
        Deployment? last = null;
        string? lastMessage = null;
        var outcome = await ResourceWait.ForAsync(deployments, namespaceName, name, deployment =>
        {
            if (deployment is null)
            {
                return new RolloutOutcome(RolloutOutcomeKind.Deleted,
                    last is null ? $"deployment \"{name}\" does not exist" : $"deployment \"{name}\" was deleted during the rollout", last);
            }

            last = deployment;
            var state = Evaluate(deployment, revision);
            if (state.IsFinal)
            {
                return state;
            }

            if (state.Message != lastMessage)
            {
                lastMessage = state.Message;
                onProgress?.Invoke(state.Message);
            }

            return null;
        }, timeout, cancellationToken).ConfigureAwait(false);
        return outcome ?? new RolloutOutcome(RolloutOutcomeKind.TimedOut,
            $"deployment \"{name}\" did not finish rolling out within {timeout}" + (lastMessage is null ? "" : " (" + lastMessage + ")"), last);
    }
}
