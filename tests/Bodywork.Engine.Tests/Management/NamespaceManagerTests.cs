using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Engine.Management;
using Bodywork.Engine.Manifests;
using Bodywork.Engine.Tests.Support;
using Bodywork.Models.Errors;
using Xunit;
using static Bodywork.Engine.Tests.Management.ManagementTestCluster;

namespace Bodywork.Engine.Tests.Management;

/// <summary>New-/Get-BodyworkNamespace and the readiness check against the fake API server.</summary>
public sealed class NamespaceManagerTests
{
    [Fact]
    public async Task Set_up_creates_the_namespace_and_every_object_with_the_original_names_and_least_privilege_rules()
    {
        await using var cluster = await StartAsync();
        var result = await new NamespaceManager(cluster.Api).SetUpAsync("team-b", new RecordingContext());

        Assert.True(result.IsReady);
        Assert.Empty(result.Missing);
        Assert.Equal(
        [
            "Namespace/team-b", "ServiceAccount/bodywork-workflow-controller", "Role/bodywork-workflow-controller",
            "RoleBinding/bodywork-workflow-controller", "ClusterRole/bodywork-workflow-controller",
            "ClusterRoleBinding/bodywork-workflow-controller--team-b", "ServiceAccount/bodywork-jobs-and-deployments",
            "Role/bodywork-jobs-and-deployments", "RoleBinding/bodywork-jobs-and-deployments",
        ], result.Created);

        var store = cluster.Server.Store;
        Assert.NotNull(store.Get("v1", "Namespace", null, "team-b"));
        var role = store.Get("rbac.authorization.k8s.io/v1", "Role", "team-b", "bodywork-workflow-controller")!;
        var rules = role["rules"]!.AsArray();
        Assert.DoesNotContain("\"*\"", rules.ToJsonString(), StringComparison.Ordinal); // the original allowed everything
        Assert.Contains(rules, r => r!["resources"]![0]!.GetValue<string>() == "pods/log");
        var stageRole = store.Get("rbac.authorization.k8s.io/v1", "Role", "team-b", "bodywork-jobs-and-deployments")!;
        Assert.True(stageRole["rules"] is null || stageRole["rules"]!.AsArray().Count == 0);
        var crb = store.Get("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", null, "bodywork-workflow-controller--team-b")!;
        Assert.Equal("bodywork-workflow-controller", crb["roleRef"]!["name"]!.GetValue<string>());
        Assert.Equal("team-b", crb["subjects"]![0]!["namespace"]!.GetValue<string>());
        Assert.Equal(BodyworkLabels.ManagedByValue, crb["metadata"]!["labels"]![BodyworkLabels.ManagedByKey]!.GetValue<string>());
    }

    [Fact]
    public async Task A_second_set_up_changes_nothing_and_says_so()
    {
        await using var cluster = await StartSetUpAsync();
        var context = new RecordingContext();
        var again = await new NamespaceManager(cluster.Api).SetUpAsync(Namespace, context);

        Assert.False(again.Changed);
        Assert.Empty(again.Created);
        Assert.Empty(again.Updated);
        Assert.Equal(9, again.Existing.Count);
        Assert.Equal(0, cluster.Server.Counters.Writes);
        Assert.Empty(context.ShouldProcessCalls);
        Assert.Contains(context.Verbose, v => v.Contains("nothing changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhatIf_makes_no_write_and_reports_what_is_missing()
    {
        await using var cluster = await StartAsync();
        var context = new RecordingContext { Approve = false };
        var result = await new NamespaceManager(cluster.Api).SetUpAsync(Namespace, context);

        Assert.Equal(0, cluster.Server.Counters.Writes);
        Assert.False(result.IsReady);
        Assert.Empty(result.Created);
        Assert.Equal(9 - 1, context.ShouldProcessCalls.Count); // the namespace exists: one question per other object
        Assert.Contains("ServiceAccount/bodywork-workflow-controller", result.Missing);
    }

    [Fact]
    public async Task WhatIf_for_a_new_namespace_asks_once_and_writes_nothing()
    {
        await using var cluster = await StartAsync();
        var context = new RecordingContext { Approve = false };
        var result = await new NamespaceManager(cluster.Api).SetUpAsync("brand-new", context);

        Assert.Equal(0, cluster.Server.Counters.Writes);
        Assert.Single(context.ShouldProcessCalls);
        Assert.Equal(["Namespace/brand-new"], result.Missing);
    }

    [Fact]
    public async Task A_namespace_set_up_by_the_original_gets_its_wildcard_role_narrowed()
    {
        await using var cluster = await StartSetUpAsync();
        var wide = NamespaceRbacManifests.WorkflowControllerRole(Namespace) with
        {
            Rules = [new PolicyRule { ApiGroups = [""], Resources = ["*"], Verbs = ["*"] }, new PolicyRule { ApiGroups = ["apps", "batch"], Resources = ["*"], Verbs = ["*"] }],
        };
        await cluster.Api.Roles.ApplyAsync(Namespace, wide);
        cluster.Server.Counters.Reset();

        var result = await new NamespaceManager(cluster.Api).SetUpAsync(Namespace, new RecordingContext());

        Assert.Equal(["Role/bodywork-workflow-controller"], result.Updated);
        var stored = await cluster.Api.Roles.GetAsync(Namespace, BodyworkNames.WorkflowControllerAccount);
        Assert.DoesNotContain(stored!.Rules!, r => r.Verbs.Contains("*"));
        Assert.Equal(1, cluster.Server.Counters.Writes);
    }

    [Fact]
    public async Task Readiness_check_reports_each_missing_object_with_the_original_messages()
    {
        await using var cluster = await StartSetUpAsync();
        await cluster.Api.ServiceAccounts.DeleteAsync(Namespace, BodyworkNames.StageAccount);
        await cluster.Api.ClusterRoleBindings.DeleteAsync(BodyworkNames.WorkflowControllerClusterRoleBinding(Namespace));

        var readiness = await NamespaceCheck.CheckAsync(cluster.Api, Namespace);
        Assert.False(readiness.IsReady);
        Assert.Equal(
        [
            "cluster-role-binding=bodywork-workflow-controller--ml is missing",
            "service-account=bodywork-jobs-and-deployments is missing from namespace=ml",
        ], readiness.Messages);

        var e = await ThrowsIdAsync(BodyworkErrorIds.NamespaceNotInitialized, () => NamespaceCheck.EnsureNamespaceReadyAsync(cluster.Api, Namespace));
        Assert.Equal(BodyworkErrorCategory.InvalidOperation, e.Category);
        Assert.Contains("New-BodyworkNamespace", e.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_of_a_set_up_namespace_and_of_a_missing_one()
    {
        await using var cluster = await StartSetUpAsync();
        var ready = await NamespaceCheck.EnsureNamespaceReadyAsync(cluster.Api, Namespace);
        Assert.Equal(["namespace=ml is setup for use by Bodywork"], ready.Messages);
        Assert.Equal(0, cluster.Server.Counters.Writes);

        var missing = await NamespaceCheck.CheckAsync(cluster.Api, "nope");
        Assert.Equal(["namespace=nope does not exist"], missing.Messages);
        var e = await ThrowsIdAsync(BodyworkErrorIds.NamespaceNotFound, () => NamespaceCheck.EnsureNamespaceReadyAsync(cluster.Api, "nope"));
        Assert.Equal(BodyworkErrorCategory.ObjectNotFound, e.Category);
    }

    [Fact]
    public async Task List_shows_only_namespaces_with_a_Bodywork_set_up_and_filters_by_wildcard()
    {
        await using var cluster = await StartSetUpAsync();
        await new NamespaceManager(cluster.Api).SetUpAsync("ml-staging", new RecordingContext());
        await cluster.Api.ServiceAccounts.DeleteAsync("ml-staging", BodyworkNames.StageAccount);
        var manager = new NamespaceManager(cluster.Api);

        var all = await manager.ListAsync(null);
        Assert.Equal(["ml", "ml-staging"], all.Select(n => n.Name));
        Assert.True(all[0].IsReady);
        Assert.False(all[1].IsReady);
        Assert.Equal(["ServiceAccount/bodywork-jobs-and-deployments"], all[1].Missing);

        Assert.Equal(["ml-staging"], (await manager.ListAsync(NamePattern.Parse("*stag*"))).Select(n => n.Name));
        Assert.Empty(await manager.ListAsync(NamePattern.Parse("kube-*")));
        Assert.False((await manager.GetAsync("default")).IsReady);
        await ThrowsIdAsync(BodyworkErrorIds.NamespaceNotFound, () => manager.GetAsync("nope"));
    }

    [Fact]
    public async Task Forbidden_creation_fails_with_its_id_and_the_permission_hint()
    {
        await using var cluster = await StartAsync();
        Forbid(cluster.Server, "create", "namespaces");
        var e = await ThrowsIdAsync(BodyworkErrorIds.Forbidden,
            () => new NamespaceManager(cluster.Api).SetUpAsync("forbidden-ns", new RecordingContext()));
        Assert.Equal(BodyworkErrorCategory.PermissionDenied, e.Category);
        Assert.Null(cluster.Server.Store.Get("v1", "Namespace", null, "forbidden-ns"));
    }

    [Fact]
    public async Task Unreachable_cluster_fails_with_its_id()
    {
        using var connection = Unreachable();
        var e = await ThrowsIdAsync(BodyworkErrorIds.ClusterUnreachable,
            () => new NamespaceManager(connection.Api).SetUpAsync(Namespace, new RecordingContext()));
        Assert.Equal(BodyworkErrorCategory.ConnectionError, e.Category);
        await ThrowsIdAsync(BodyworkErrorIds.ClusterUnreachable, () => NamespaceCheck.EnsureNamespaceReadyAsync(connection.Api, Namespace));
    }

    [Fact]
    public async Task A_bad_namespace_name_is_rejected_before_any_request()
    {
        await using var cluster = await StartAsync();
        cluster.Server.Counters.Reset();
        var e = await ThrowsIdAsync(BodyworkErrorIds.InvalidArgument,
            () => new NamespaceManager(cluster.Api).SetUpAsync("Bad_Name", new RecordingContext()));
        Assert.Contains("Bad_Name", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, cluster.Server.Counters.Total);
    }
}
