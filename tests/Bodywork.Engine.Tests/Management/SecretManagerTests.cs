using System.Text;
using Bodywork.Engine.Management;
using Bodywork.Engine.Manifests;
using Bodywork.Engine.Tests.Support;
using Bodywork.Models.Errors;
using Xunit;
using static Bodywork.Engine.Tests.Management.ManagementTestCluster;

namespace Bodywork.Engine.Tests.Management;

/// <summary>New-/Get-/Remove-BodyworkSecret against the fake API server.</summary>
public sealed class SecretManagerTests
{
    private static readonly Dictionary<string, string> Data = new() { ["USERNAME"] = "alex", ["PASSWORD"] = "s3cr=t value" };

    [Fact]
    public async Task Create_stores_labelled_data_and_returns_keys_only()
    {
        await using var cluster = await StartAsync();
        var secret = await new SecretManager(cluster.Api).CreateAsync(Namespace, "db-login", Data, force: false, new RecordingContext());

        Assert.NotNull(secret);
        Assert.Equal(["PASSWORD", "USERNAME"], secret.Keys);
        Assert.True(secret.ManagedByBodywork);
        var stored = cluster.Server.Store.Get("v1", "Secret", Namespace, "db-login")!;
        Assert.Equal("s3cr=t value", Encoding.UTF8.GetString(Convert.FromBase64String(stored["data"]!["PASSWORD"]!.GetValue<string>())));
        Assert.Equal(BodyworkLabels.ManagedByValue, stored["metadata"]!["labels"]![BodyworkLabels.ManagedByKey]!.GetValue<string>());
        Assert.Equal("Opaque", stored["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_of_an_existing_secret_fails_unless_forced_and_force_replaces_the_keys()
    {
        await using var cluster = await StartAsync();
        var manager = new SecretManager(cluster.Api);
        await manager.CreateAsync(Namespace, "db-login", Data, false, new RecordingContext());

        var e = await ThrowsIdAsync(BodyworkErrorIds.SecretAlreadyExists,
            () => manager.CreateAsync(Namespace, "db-login", new Dictionary<string, string> { ["TOKEN"] = "t" }, false, new RecordingContext()));
        Assert.Equal(BodyworkErrorCategory.ResourceExists, e.Category);

        var replaced = await manager.CreateAsync(Namespace, "db-login", new Dictionary<string, string> { ["TOKEN"] = "t" }, true, new RecordingContext());
        Assert.Equal(["TOKEN"], replaced!.Keys);
        Assert.Equal(["TOKEN"], (await manager.GetAsync(Namespace, "db-login")).Keys);
    }

    [Fact]
    public async Task Create_in_a_missing_namespace_and_bad_input_fail_with_their_ids_and_write_nothing()
    {
        await using var cluster = await StartAsync();
        cluster.Server.Counters.Reset();
        var manager = new SecretManager(cluster.Api);
        await ThrowsIdAsync(BodyworkErrorIds.NamespaceNotFound, () => manager.CreateAsync("nope", "s", Data, false, new RecordingContext()));
        await ThrowsIdAsync(BodyworkErrorIds.InvalidArgument, () => manager.CreateAsync(Namespace, "s", new Dictionary<string, string>(), false, new RecordingContext()));
        await ThrowsIdAsync(BodyworkErrorIds.InvalidArgument,
            () => manager.CreateAsync(Namespace, "s", new Dictionary<string, string> { ["BAD KEY"] = "v" }, false, new RecordingContext()));
        await ThrowsIdAsync(BodyworkErrorIds.InvalidArgument, () => manager.CreateAsync(Namespace, "Bad_Name", Data, false, new RecordingContext()));
        Assert.Equal(0, cluster.Server.Counters.Writes);
    }

    [Fact]
    public async Task Get_lists_keys_filters_by_wildcard_and_reports_a_missing_name()
    {
        await using var cluster = await StartAsync();
        var manager = new SecretManager(cluster.Api);
        await manager.CreateAsync(Namespace, "db-login", Data, false, new RecordingContext());
        await manager.CreateAsync(Namespace, "aws", new Dictionary<string, string> { ["KEY"] = "k" }, false, new RecordingContext());

        Assert.Equal(["aws", "db-login"], (await manager.ListAsync(Namespace, null)).Select(s => s.Name));
        Assert.Equal(["db-login"], (await manager.ListAsync(Namespace, NamePattern.Parse("db-*"))).Select(s => s.Name));
        Assert.Empty(await manager.ListAsync(Namespace, NamePattern.Parse("zz*")));
        var e = await ThrowsIdAsync(BodyworkErrorIds.SecretNotFound, () => manager.GetAsync(Namespace, "missing"));
        Assert.Equal("secret=missing could not be found in namespace=ml", e.Message);
        await ThrowsIdAsync(BodyworkErrorIds.NamespaceNotFound, () => manager.ListAsync("nope", null));
    }

    [Fact]
    public async Task Remove_deletes_and_WhatIf_writes_nothing()
    {
        await using var cluster = await StartAsync();
        var manager = new SecretManager(cluster.Api);
        await manager.CreateAsync(Namespace, "db-login", Data, false, new RecordingContext());
        cluster.Server.Counters.Reset();

        Assert.Null(await manager.RemoveAsync(Namespace, "db-login", new RecordingContext { Approve = false }));
        Assert.Equal(0, cluster.Server.Counters.Writes);
        Assert.NotNull(cluster.Server.Store.Get("v1", "Secret", Namespace, "db-login"));

        var removed = await manager.RemoveAsync(Namespace, "db-login", new RecordingContext());
        Assert.Equal("db-login", removed!.Name);
        Assert.Null(cluster.Server.Store.Get("v1", "Secret", Namespace, "db-login"));
        await ThrowsIdAsync(BodyworkErrorIds.SecretNotFound, () => manager.RemoveAsync(Namespace, "db-login", new RecordingContext()));
    }

    [Fact]
    public async Task Forbidden_and_unreachable_fail_with_their_ids()
    {
        await using var cluster = await StartAsync();
        Forbid(cluster.Server, "create", "secrets");
        await ThrowsIdAsync(BodyworkErrorIds.Forbidden, () => new SecretManager(cluster.Api).CreateAsync(Namespace, "s", Data, false, new RecordingContext()));
        using var gone = Unreachable();
        await ThrowsIdAsync(BodyworkErrorIds.ClusterUnreachable, () => new SecretManager(gone.Api).ListAsync(Namespace, null));
    }
}
