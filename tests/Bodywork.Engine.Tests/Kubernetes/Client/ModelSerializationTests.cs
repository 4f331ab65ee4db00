using System.Text;
using System.Text.Json;
using Bodywork.Engine.Kubernetes.Models;
using Xunit;

namespace Bodywork.Engine.Tests.Kubernetes.Client;

public class ModelSerializationTests
{
    private static readonly KubernetesJsonContext Json = KubernetesJsonContext.Default;

    [Fact]
    public void Int_or_string_reads_and_writes_both_forms()
    {
        var update = JsonSerializer.Deserialize("""{"maxUnavailable":1,"maxSurge":"25%"}""", Json.RollingUpdateDeployment)!;

        Assert.Equal(1, update.MaxUnavailable!.Value.IntValue);
        Assert.Equal("25%", update.MaxSurge!.Value.StringValue);
        Assert.Equal("""{"maxUnavailable":1,"maxSurge":"25%"}""", JsonSerializer.Serialize(update, Json.RollingUpdateDeployment));
        Assert.Equal("""{"port":"http"}""", JsonSerializer.Serialize(new TcpSocketAction { Port = "http" }, Json.TcpSocketAction));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"port":true}""", Json.TcpSocketAction));
    }

    [Fact]
    public void Nulls_are_omitted_and_kind_defaults_are_written()
    {
        var text = JsonSerializer.Serialize(new Service { Metadata = new ObjectMeta { Name = "s" } }, Json.Service);

        Assert.Equal("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"}}""", text);
    }

    [Fact]
    public void Unknown_fields_from_newer_servers_are_ignored()
    {
        var job = JsonSerializer.Deserialize("""
            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j","managedFields":[{"manager":"x"}]},
             "spec":{"podReplacementPolicy":"Failed","template":{"spec":{"containers":[{"name":"c","resizePolicy":[]}]}}},
             "status":{"uncountedTerminatedPods":{},"ready":0,"terminating":0}}
            """, Json.Job)!;

        Assert.Equal("j", job.Metadata.Name);
        Assert.Equal("c", job.Spec!.Template.Spec!.Containers[0].Name);
    }

    [Fact]
    public void Secret_data_is_base64_on_the_wire()
    {
        var secret = new Secret
        {
            Metadata = new ObjectMeta { Name = "s" },
            Data = new Dictionary<string, byte[]> { ["USER"] = Encoding.UTF8.GetBytes("admin") },
        };

        var text = JsonSerializer.Serialize(secret, Json.Secret);
        var back = JsonSerializer.Deserialize(text, Json.Secret)!;

        Assert.Contains("\"USER\":\"YWRtaW4=\"", text, StringComparison.Ordinal);
        Assert.Equal("admin", Encoding.UTF8.GetString(back.Data!["USER"]));
        Assert.DoesNotContain("admin", back.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Container_ports_and_env_from_secrets_use_kubernetes_names()
    {
        var container = new Container
        {
            Name = "c",
            Ports = [new ContainerPort { Name = "http", Port = 8000 }],
            Env = [new EnvVar { Name = "PASSWORD", ValueFrom = new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = "creds", Key = "PASSWORD" } } }],
        };

        var text = JsonSerializer.Serialize(container, Json.Container);

        Assert.Equal("""{"name":"c","env":[{"name":"PASSWORD","valueFrom":{"secretKeyRef":{"name":"creds","key":"PASSWORD"}}}],"ports":[{"name":"http","containerPort":8000}]}""", text);
    }

    [Fact]
    public void Status_objects_read_the_wire_names_of_outcome_and_cause_type()
    {
        var status = JsonSerializer.Deserialize("""{"kind":"Status","status":"Failure","reason":"Invalid","code":422,"details":{"causes":[{"reason":"FieldValueRequired","field":"spec.x","message":"Required value"}]}}""", Json.Status)!;

        Assert.Equal("Failure", status.Outcome);
        Assert.Equal("FieldValueRequired", status.Details!.Causes![0].Type);
    }
}
