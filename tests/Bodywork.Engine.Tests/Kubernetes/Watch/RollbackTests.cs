using System.Text.Json;
using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Engine.Tests.Kubernetes.Client;
using Bodywork.Models.Errors;
using Xunit;

namespace Bodywork.Engine.Tests.Kubernetes.Watch;

public class RollbackTests
{
    private const string DeploymentUid = "dep-uid";

    private static string Template(string image, string hash) =>
        $$$"""{"metadata":{"labels":{"app":"web","pod-template-hash":"{{{hash}}}"}},"spec":{"containers":[{"name":"c","image":"{{{image}}}"}]}}""";

    private static string ReplicaSet(string name, int revision, string image, string ownerUid, string? changeCause = null) =>
        $$$"""{"metadata":{"name":"{{{name}}}","namespace":"ml","annotations":{"deployment.kubernetes.io/revision":"{{{revision}}}"{{{ChangeCause(changeCause)}}}},"ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web","uid":"{{{ownerUid}}}","controller":true}]},"spec":{"template":{{{Template(image, name)}}}}}""";

    private static string ChangeCause(string? cause) => cause is null ? "" : ",\"kubernetes.io/change-cause\":\"" + cause + "\"";

    private static string Deployment(string image, bool paused = false) =>
        $$$"""{"metadata":{"name":"web","namespace":"ml","uid":"{{{DeploymentUid}}}","annotations":{"deployment.kubernetes.io/revision":"3","other":"dropped"}},"spec":{"paused":{{{(paused ? "true" : "false")}}},"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"{{{image}}}"}]}}"""
        + "}}";

    private static StubHandler Cluster(string deployment, out List<RecordedRequest> patches)
    {
        var recorded = new List<RecordedRequest>();
        patches = recorded;
        var sets = string.Join(",",
            ReplicaSet("web-1", 1, "img:1", DeploymentUid, "first"),
            ReplicaSet("web-2", 2, "img:2", DeploymentUid, "second"),
            ReplicaSet("web-3", 3, "img:3", DeploymentUid),
            ReplicaSet("other-9", 9, "img:9", "someone-else"));
        return new StubHandler((r, i) =>
        {
            if (r.Method == HttpMethod.Patch)
            {
                lock (recorded)
                {
                    recorded.Add(r);
                }

                return StubHandler.Json(200, deployment);
            }

            return r.Path.Contains("/replicasets", StringComparison.Ordinal)
                ? StubHandler.Json(200, $$"""{"metadata":{"resourceVersion":"1"},"items":[{{sets}}]}""")
                : StubHandler.Json(200, deployment);
        });
    }

    [Fact]
    public async Task Undo_to_the_previous_revision_sends_one_json_patch_of_template_and_annotations()
    {
        var handler = Cluster(Deployment("img:3"), out var patches);
        using var connection = handler.Connect();

        var result = await connection.Api.Deployments.RollbackAsync("ml", "web");

        Assert.True(result.RolledBack);
        Assert.Equal(2, result.Revision);
        var patch = Assert.Single(patches);
        Assert.Equal("application/json-patch+json", patch.ContentType);
        Assert.Equal(
            """[{"op":"replace","path":"/spec/template","value":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"img:2"}]}}},{"op":"replace","path":"/metadata/annotations","value":{"deployment.kubernetes.io/revision":"3","kubernetes.io/change-cause":"second"}}]""",
            patch.Body);
        Assert.Equal("app=web", handler.RequestList.First(r => r.Path.Contains("/replicasets", StringComparison.Ordinal)).Query("labelSelector"));
    }

    [Fact]
    public async Task Undo_to_a_named_revision_ignores_foreign_replica_sets()
    {
        var handler = Cluster(Deployment("img:3"), out var patches);
        using var connection = handler.Connect();

        var result = await connection.Api.Deployments.RollbackAsync("ml", "web", toRevision: 1);
        Assert.Equal(1, result.Revision);
        Assert.Contains("img:1", Assert.Single(patches).Body, StringComparison.Ordinal);

        var ex = await Assert.ThrowsAsync<BodyworkException>(() => connection.Api.Deployments.RollbackAsync("ml", "web", toRevision: 9));
        Assert.Contains("unable to find specified revision 9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undo_is_skipped_when_the_target_template_already_matches()
    {
        var handler = Cluster(Deployment("img:2"), out var patches);
        using var connection = handler.Connect();

        var result = await connection.Api.Deployments.RollbackAsync("ml", "web");

        Assert.False(result.RolledBack);
        Assert.Empty(patches);
    }

    [Fact]
    public async Task Undo_of_a_paused_deployment_is_refused_without_changes()
    {
        var handler = Cluster(Deployment("img:3", paused: true), out var patches);
        using var connection = handler.Connect();

        var ex = await Assert.ThrowsAsync<BodyworkException>(() => connection.Api.Deployments.RollbackAsync("ml", "web"));

        Assert.Contains("paused", ex.Message, StringComparison.Ordinal);
        Assert.Empty(patches);
    }

    [Fact]
    public async Task Revisions_are_the_owned_replica_sets_in_order()
    {
        var handler = Cluster(Deployment("img:3"), out _);
        using var connection = handler.Connect();
        var deployment = JsonSerializer.Deserialize(Deployment("img:3"), KubernetesJsonContext.Default.Deployment)!;

        var revisions = await connection.Api.Deployments.ListRevisionsAsync(deployment);

        Assert.Equal([1L, 2L, 3L], revisions.Select(r => r.Revision).ToArray());
    }
}
