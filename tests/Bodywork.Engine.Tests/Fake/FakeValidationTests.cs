using System.Text.Json.Nodes;
using FakeKubernetes;
using Xunit;

namespace Bodywork.Engine.Tests.Fake;

/// <summary>Strict validation of request bodies against both bundled OpenAPI files, worded as kube-apiserver words it.</summary>
public sealed class FakeValidationTests : IAsyncLifetime
{
    private FakeApiServer _server = null!;
    private FakeHttp _http = null!;
    private const string Jobs = "apis/batch/v1/namespaces/default/jobs";

    public async Task InitializeAsync()
    {
        _server = await FakeApiServer.StartAsync();
        _http = new FakeHttp(_server);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Unknown_field_is_rejected_under_Strict_and_by_default()
    {
        var body = FakeHttp.Job("u", extraSpec: "\"foo\":1,");
        foreach (var query in new[] { "", "?fieldValidation=Strict" })
        {
            var reply = await _http.PostAsync(Jobs + query, body);
            Assert.Equal(400, reply.Code);
            Assert.Equal("BadRequest", (string?)reply.Body["reason"]);
            Assert.Equal("Job in version \"v1\" cannot be handled as a Job: strict decoding error: unknown field \"spec.foo\"", (string?)reply.Body["message"]);
            var cause = reply.Body["details"]!["causes"]![0]!;
            Assert.Equal("spec.foo", (string?)cause["field"]);
        }
        Assert.Null(_server.Store.Get("batch/v1", "Job", "default", "u"));
    }

    [Fact]
    public async Task Unknown_field_warns_under_Warn_and_is_dropped_under_Ignore()
    {
        var warn = await _http.PostAsync(Jobs + "?fieldValidation=Warn", FakeHttp.Job("w", extraSpec: "\"foo\":1,"));
        Assert.Equal(201, warn.Code);
        Assert.Contains(warn.Warnings, w => w.StartsWith("299 - ", StringComparison.Ordinal) && w.Contains("unknown field \\\"spec.foo\\\"", StringComparison.Ordinal));
        var ignore = await _http.PostAsync(Jobs + "?fieldValidation=Ignore", FakeHttp.Job("i", extraSpec: "\"foo\":1,"));
        Assert.Equal(201, ignore.Code);
        Assert.Null(ignore.Body["spec"]!["foo"]);
    }

    [Fact]
    public async Task Field_newer_than_v1_25_is_flagged()
    {
        var reply = await _http.PostAsync(Jobs, FakeHttp.Job("new", extraSpec: "\"podReplacementPolicy\":\"Failed\","));
        Assert.Equal(400, reply.Code);
        Assert.Contains("unknown field \"spec.podReplacementPolicy\" (not in Kubernetes v1.25)", (string?)reply.Body["message"]);
    }

    [Fact]
    public async Task Wrong_type_is_400_with_a_type_cause()
    {
        var reply = await _http.PostAsync(Jobs, FakeHttp.Job("t", extraSpec: "\"parallelism\":\"two\","));
        Assert.Equal(400, reply.Code);
        Assert.Contains("cannot unmarshal string into Go struct field JobSpec.spec.parallelism of type int32", (string?)reply.Body["message"]);
        var cause = reply.Body["details"]!["causes"]![0]!;
        Assert.Equal("FieldValueTypeInvalid", (string?)cause["reason"]);
        Assert.Equal("spec.parallelism", (string?)cause["field"]);
    }

    [Fact]
    public async Task Missing_required_field_is_422_Invalid_with_causes()
    {
        var body = FakeHttp.Job("r").Replace("{\"name\":\"main\",", "{");
        var reply = await _http.PostAsync(Jobs, body);
        Assert.Equal(422, reply.Code);
        var status = reply.Body;
        Assert.Equal("Invalid", (string?)status["reason"]);
        Assert.Equal("Job", (string?)status["details"]!["kind"]);
        Assert.Equal("batch", (string?)status["details"]!["group"]);
        Assert.StartsWith("Job.batch \"r\" is invalid: ", (string?)status["message"]);
        var cause = status["details"]!["causes"]!.AsArray().Single(c => (string?)c!["field"] == "spec.template.spec.containers[0].name")!;
        Assert.Equal("FieldValueRequired", (string?)cause["reason"]);
        Assert.Equal("Required value", (string?)cause["message"]);
    }

    [Theory]
    [InlineData("Bad_Name", "metadata.name", "a lowercase RFC 1123 subdomain")]
    [InlineData("this-job-name-is-far-too-long-to-be-used-as-a-label-value-for-pods", "metadata.name", "must be no more than 63 characters")]
    public async Task Invalid_names_are_422(string name, string field, string message)
    {
        var reply = await _http.PostAsync(Jobs, FakeHttp.Job(name).Replace($"\"labels\":{{\"app\":\"{name}\"}}", "\"labels\":{}"));
        Assert.Equal(422, reply.Code);
        var cause = reply.Body["details"]!["causes"]!.AsArray().First(c => (string?)c!["field"] == field)!;
        Assert.Equal("FieldValueInvalid", (string?)cause["reason"]);
        Assert.Contains(message, (string?)cause["message"]);
    }

    [Fact]
    public async Task Semantic_rules_restart_policy_selector_labels_and_label_values()
    {
        var always = await _http.PostAsync(Jobs, FakeHttp.Job("a").Replace("\"Never\"", "\"Always\""));
        Assert.Equal(422, always.Code);
        Assert.Contains("spec.template.spec.restartPolicy: Unsupported value: \"Always\"", (string?)always.Body["message"]);

        var mismatch = await _http.PostAsync("apis/apps/v1/namespaces/default/deployments",
            FakeHttp.Deployment("m").Replace("\"labels\":{\"app\":\"m\"}", "\"labels\":{\"app\":\"other\"}"));
        Assert.Equal(422, mismatch.Code);
        Assert.Contains("`selector` does not match template `labels`", (string?)mismatch.Body["message"]);

        var badLabel = await _http.PostAsync(Jobs, FakeHttp.Job("l").Replace("\"labels\":{\"app\":\"l\"}", "\"labels\":{\"app\":\"-bad-\"}"));
        Assert.Equal(422, badLabel.Code);
        Assert.Equal("metadata.labels", (string?)badLabel.Body["details"]!["causes"]![0]!["field"]);

        var service = await _http.PostAsync("api/v1/namespaces/default/services",
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"9svc"},"spec":{"ports":[{"port":80}]}}""");
        Assert.Equal(422, service.Code);
        Assert.Contains("DNS-1035", (string?)service.Body["message"]);
    }

    [Fact]
    public async Task Job_template_is_immutable()
    {
        var job = await _http.CreateAsync(Jobs, FakeHttp.Job("imm"));
        var patch = await _http.PatchAsync(Jobs + "/imm", """{"spec":{"template":{"spec":{"containers":[{"name":"main","image":"other:1"}]}}}}""", "application/strategic-merge-patch+json");
        Assert.Equal(422, patch.Code);
        Assert.Contains("spec.template: Invalid value", (string?)patch.Body["message"]);
        Assert.Contains("field is immutable", (string?)patch.Body["message"]);
        Assert.NotNull(job);
    }

    [Fact]
    public async Task Status_written_by_the_fake_never_breaks_a_read_modify_write()
    {
        // The Job controller writes status (including fields newer than v1.25); a client GET + PUT must still pass.
        await _http.CreateAsync(Jobs, FakeHttp.Job("rmw"));
        var done = await _server.Store.WaitForAsync("batch/v1", "Job", "default", "rmw", j => FakeHttp.HasCondition(j, "Complete"), FakeHttp.Timeout);
        Assert.NotNull(done["status"]);
        var current = (await _http.GetAsync(Jobs + "/rmw")).Body;
        current["metadata"]!["labels"]!["touched"] = "yes";
        var put = await _http.PutAsync(Jobs + "/rmw", current.ToJsonString());
        Assert.Equal(200, put.Code);
        Assert.Equal("yes", (string?)put.Body["metadata"]!["labels"]!["touched"]);
    }

    [Fact]
    public void Static_validator_checks_a_manifest_against_both_files()
    {
        var ok = JsonNode.Parse(FakeHttp.Job("fine"))!.AsObject();
        Assert.Empty(FakeApiServer.Validate(ok));
        var bad = JsonNode.Parse(FakeHttp.Job("Fine", extraSpec: "\"foo\":true,"))!.AsObject();
        var causes = FakeApiServer.Validate(bad);
        Assert.Contains(causes, c => c.Field == "spec.foo" && c.Message.Contains("unknown field", StringComparison.Ordinal));
        Assert.Contains(causes, c => c.Field == "metadata.name" && c.Type == "FieldValueInvalid");
        var withStatus = JsonNode.Parse(FakeHttp.Job("s"))!.AsObject();
        withStatus["status"] = new JsonObject();
        Assert.Contains(FakeApiServer.Validate(withStatus), c => c.Field == "status");
    }
}
