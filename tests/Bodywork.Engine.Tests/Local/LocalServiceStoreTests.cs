using Bodywork.Engine.Local;
using Bodywork.Engine.Tests.Support;
using Bodywork.Models.Local;
using Xunit;

namespace Bodywork.Engine.Tests.Local;

/// <summary>The record keeping of local services, without starting real services.</summary>
public sealed class LocalServiceStoreTests : IDisposable
{
    private readonly TempDirectory _state = new();

    public void Dispose() => _state.Dispose();

    private LocalServiceRecord Record(string project, string stage, int pid, string? workspace = null) => new()
    {
        Project = project,
        Stage = stage,
        ProcessId = pid,
        Port = 5000,
        Url = "http://127.0.0.1:5000",
        StartTime = DateTimeOffset.UtcNow,
        LogFile = Path.Combine(_state.Path, "logs", $"{project}--{stage}.log"),
        WorkingDirectory = "/tmp",
        Workspace = workspace ?? "",
    };

    [Fact]
    public void A_record_whose_process_is_gone_is_listed_as_exited()
    {
        var store = new LocalServiceStore(_state.Path);
        store.Save(Record("p", "serve", pid: int.MaxValue - 7));

        var service = Assert.Single(store.List());

        Assert.Equal(LocalServiceStatus.Exited, service.Status);
        Assert.Equal("p--serve", service.Name);
    }

    [Fact]
    public void A_reused_process_id_does_not_count_as_the_service()
    {
        var store = new LocalServiceStore(_state.Path);
        var record = Record("p", "serve", Environment.ProcessId);
        record.ProcessStartTime = DateTimeOffset.UtcNow.AddDays(-3);
        store.Save(record);

        Assert.Equal(LocalServiceStatus.Exited, Assert.Single(store.List()).Status);
    }

    [Fact]
    public void Listing_filters_by_project_and_stage_and_sorts_by_name()
    {
        var store = new LocalServiceStore(_state.Path);
        store.Save(Record("b", "serve", 1_999_999));
        store.Save(Record("a", "serve", 1_999_998));
        store.Save(Record("a", "api", 1_999_997));

        Assert.Equal(["a--api", "a--serve", "b--serve"], store.List().Select(s => s.Name));
        Assert.Equal(["a--api", "a--serve"], store.List(project: "a").Select(s => s.Name));
        Assert.Equal(["a--serve", "b--serve"], store.List(stage: "serve").Select(s => s.Name));
        Assert.Equal("b--serve", store.Find("b--serve")?.Name);
        Assert.Null(store.Find("c--serve"));
    }

    [Fact]
    public async Task Stopping_removes_the_records_and_the_unused_workspace_but_keeps_others()
    {
        var store = new LocalServiceStore(_state.Path);
        var workspace = Path.Combine(store.StateDirectory, "workspaces", "run-1");
        Directory.CreateDirectory(workspace);
        store.Save(Record("a", "serve", 1_999_998, workspace));
        store.Save(Record("b", "serve", 1_999_999));

        var stopped = await store.StopAsync(project: "a");

        Assert.Equal("a--serve", Assert.Single(stopped).Name);
        Assert.Equal(["b--serve"], store.List().Select(s => s.Name));
        Assert.False(Directory.Exists(workspace));
        Assert.Null(await store.StopByNameAsync("a--serve"));
        Assert.Equal("b--serve", (await store.StopByNameAsync("b--serve"))?.Name);
        Assert.Empty(store.List());
    }

    [Fact]
    public void A_workspace_outside_the_state_folder_is_never_deleted()
    {
        using var elsewhere = new TempDirectory();
        var store = new LocalServiceStore(_state.Path);
        store.Save(Record("a", "serve", 1_999_998, elsewhere.Path));

        store.Stop();

        Assert.True(Directory.Exists(elsewhere.Path));
    }
}
