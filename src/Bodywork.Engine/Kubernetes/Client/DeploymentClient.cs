using System.Globalization;
using System.Text;
using System.Text.Json;
using Bodywork.Engine.Kubernetes.Errors;
using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Models.Errors;

namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>Deployments plus revisions and rollback (kubectl rollout undo, spec §3.5).</summary>
internal sealed class DeploymentClient : NamespacedResourceClient<Deployment>, IDeploymentClient
{
    internal const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    private const string PodTemplateHashLabel = "pod-template-hash";

    /// <summary>Annotations kept from the Deployment itself, not copied from the ReplicaSet (kubectl's list).</summary>
    private static readonly string[] DeploymentOwnedAnnotations =
    [
        "kubectl.kubernetes.io/last-applied-configuration",
        RevisionAnnotation,
        "deployment.kubernetes.io/revision-history",
        "deployment.kubernetes.io/desired-replicas",
        "deployment.kubernetes.io/max-replicas",
        "deprecated.deployment.rollback.to",
    ];

    private readonly INamespacedResourceClient<ReplicaSet> _replicaSets;

    public DeploymentClient(ResourceOperations<Deployment> operations, INamespacedResourceClient<ReplicaSet> replicaSets)
        : base(operations) => _replicaSets = replicaSets;

    public async Task<IReadOnlyList<DeploymentRevision>> ListRevisionsAsync(Deployment deployment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var ns = deployment.Metadata.Namespace ?? throw new ArgumentException("The Deployment has no metadata.namespace.", nameof(deployment));
        var selector = Selectors.FromLabelSelector(deployment.Spec?.Selector ?? new LabelSelector());
        var sets = await _replicaSets.ListAsync(ns, new ListOptions { LabelSelector = selector }, cancellationToken).ConfigureAwait(false);
        // Same labels do not mean same owner: only ReplicaSets this Deployment controls count.
        return sets.Items
            .Where(rs => rs.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == deployment.Metadata.Uid) == true)
            .Select(rs => (rs, revision: ParseRevision(rs.Metadata.Annotations)))
            .Where(x => x.revision is not null)
            .Select(x => new DeploymentRevision(x.revision!.Value, x.rs))
            .OrderBy(r => r.Revision)
            .ToList();
    }

    public async Task<RollbackResult> RollbackAsync(string namespaceName, string name, long? toRevision = null, WriteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var operation = $"rolling back Deployment {namespaceName}/{name}";
        var deployment = await GetAsync(namespaceName, name, cancellationToken).ConfigureAwait(false)
            ?? throw new KubernetesApiException(KubernetesErrorReason.NotFound, operation,
                $"{operation}: deployments.apps \"{name}\" not found", 404);
        if (deployment.Spec?.Paused == true)
        {
            throw Invalid(operation, "the deployment is paused; resume it first", deployment);
        }

        var revisions = await ListRevisionsAsync(deployment, cancellationToken).ConfigureAwait(false);
        if (revisions.Count == 0)
        {
            throw Invalid(operation, "no rollout history found", deployment);
        }

        DeploymentRevision target;
        if (toRevision is { } wanted)
        {
            target = revisions.FirstOrDefault(r => r.Revision == wanted)
                ?? throw Invalid(operation, $"unable to find specified revision {wanted.ToString(CultureInfo.InvariantCulture)} in history", deployment);
        }
        else
        {
            target = revisions.Count >= 2 ? revisions[^2] : throw Invalid(operation, "no previous revision to roll back to", deployment);
        }

        var template = WithoutHashLabel(target.ReplicaSet.Spec?.Template ?? new PodTemplateSpec());
        if (JsonEquivalent(template, WithoutHashLabel(deployment.Spec?.Template ?? new PodTemplateSpec())))
        {
            return new RollbackResult(false, target.Revision, deployment);
        }

        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in target.ReplicaSet.Metadata.Annotations ?? new Dictionary<string, string>())
        {
            if (!DeploymentOwnedAnnotations.Contains(key))
            {
                annotations[key] = value;
            }
        }

        foreach (var key in DeploymentOwnedAnnotations)
        {
            if (deployment.Metadata.Annotations?.TryGetValue(key, out var value) == true)
            {
                annotations[key] = value;
            }
        }

        var patched = await PatchAsync(namespaceName, name, new KubernetesPatch(PatchType.JsonPatch, BuildRollbackPatch(template, annotations)),
            options, cancellationToken).ConfigureAwait(false);
        return new RollbackResult(true, target.Revision, patched);
    }

    /// <summary>One JSON Patch: replace /spec/template and /metadata/annotations.</summary>
    internal static string BuildRollbackPatch(PodTemplateSpec template, IReadOnlyDictionary<string, string> annotations)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WriteString("op", "replace");
            writer.WriteString("path", "/spec/template");
            writer.WritePropertyName("value");
            JsonSerializer.Serialize(writer, template, KubernetesJsonContext.Default.PodTemplateSpec);
            writer.WriteEndObject();
            writer.WriteStartObject();
            writer.WriteString("op", "replace");
            writer.WriteString("path", "/metadata/annotations");
            writer.WritePropertyName("value");
            JsonSerializer.Serialize(writer, annotations, KubernetesJsonContext.Default.IReadOnlyDictionaryStringString);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal static long? ParseRevision(IReadOnlyDictionary<string, string>? annotations) =>
        annotations?.GetValueOrDefault(RevisionAnnotation) is { } text
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : null;

    private static PodTemplateSpec WithoutHashLabel(PodTemplateSpec template)
    {
        if (template.Metadata?.Labels is not { } labels || !labels.ContainsKey(PodTemplateHashLabel))
        {
            return template;
        }

        var kept = labels.Where(l => l.Key != PodTemplateHashLabel).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        return template with { Metadata = template.Metadata with { Labels = kept } };
    }

    /// <summary>Semantic equality of two templates (key order of maps does not matter).</summary>
    private static bool JsonEquivalent(PodTemplateSpec a, PodTemplateSpec b)
    {
        using var left = JsonDocument.Parse(JsonSerializer.Serialize(a, KubernetesJsonContext.Default.PodTemplateSpec));
        using var right = JsonDocument.Parse(JsonSerializer.Serialize(b, KubernetesJsonContext.Default.PodTemplateSpec));
        return JsonElementComparer.DeepEquals(left.RootElement, right.RootElement);
    }

    private static BodyworkException Invalid(string operation, string reason, Deployment deployment) =>
        new(BodyworkErrorIds.ApiError, BodyworkErrorCategory.InvalidOperation, $"{operation}: {reason}",
            $"{deployment.Metadata.Namespace}/{deployment.Metadata.Name}");
}
