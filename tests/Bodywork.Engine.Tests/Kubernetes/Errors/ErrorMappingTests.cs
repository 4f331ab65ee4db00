using Bodywork.Engine.Kubernetes.Errors;
using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Engine.Tests.Kubernetes.Client;
using Bodywork.Models.Errors;
using Xunit;

namespace Bodywork.Engine.Tests.Kubernetes.Errors;

public class ErrorMappingTests
{
    [Theory]
    [InlineData(400, "BadRequest", KubernetesErrorReason.BadRequest, "BodyworkKubernetesBadRequest", BodyworkErrorCategory.InvalidArgument)]
    [InlineData(401, "Unauthorized", KubernetesErrorReason.Unauthorized, "BodyworkUnauthorized", BodyworkErrorCategory.AuthenticationError)]
    [InlineData(403, "Forbidden", KubernetesErrorReason.Forbidden, "BodyworkForbidden", BodyworkErrorCategory.PermissionDenied)]
    [InlineData(404, "NotFound", KubernetesErrorReason.NotFound, "BodyworkKubernetesObjectNotFound", BodyworkErrorCategory.ObjectNotFound)]
    [InlineData(409, "AlreadyExists", KubernetesErrorReason.AlreadyExists, "BodyworkKubernetesObjectAlreadyExists", BodyworkErrorCategory.ResourceExists)]
    [InlineData(409, "Conflict", KubernetesErrorReason.Conflict, "BodyworkKubernetesConflict", BodyworkErrorCategory.InvalidOperation)]
    [InlineData(410, "Expired", KubernetesErrorReason.Gone, "BodyworkKubernetesResourceExpired", BodyworkErrorCategory.InvalidOperation)]
    [InlineData(410, "Gone", KubernetesErrorReason.Gone, "BodyworkKubernetesResourceExpired", BodyworkErrorCategory.InvalidOperation)]
    [InlineData(422, "Invalid", KubernetesErrorReason.Invalid, "BodyworkKubernetesInvalidObject", BodyworkErrorCategory.InvalidData)]
    [InlineData(429, "TooManyRequests", KubernetesErrorReason.TooManyRequests, "BodyworkKubernetesTooManyRequests", BodyworkErrorCategory.LimitsExceeded)]
    [InlineData(500, "InternalError", KubernetesErrorReason.ServerError, "BodyworkKubernetesServerError", BodyworkErrorCategory.ResourceUnavailable)]
    [InlineData(504, "Timeout", KubernetesErrorReason.ServerError, "BodyworkKubernetesServerError", BodyworkErrorCategory.ResourceUnavailable)]
    [InlineData(415, "UnsupportedMediaType", KubernetesErrorReason.Other, "BodyworkApiError", BodyworkErrorCategory.InvalidOperation)]
    public void Status_reason_maps_to_a_typed_error(int code, string reason, KubernetesErrorReason expected, string errorId, BodyworkErrorCategory category)
    {
        var ex = KubernetesErrors.FromResponse(code, StubHandler.Status(code, reason, "the server says no"), "applying Job ml/train");

        Assert.Equal(expected, ex.Reason);
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Equal(category, ex.Category);
        Assert.Equal(code, ex.StatusCode);
        Assert.Equal("applying Job ml/train: the server says no", ex.Message);
        Assert.Equal("applying Job ml/train", ex.Target);
    }

    [Fact]
    public void Invalid_lists_every_cause_with_its_field()
    {
        var details = """{"name":"train","group":"batch","kind":"Job","causes":[{"reason":"FieldValueRequired","message":"Required value","field":"spec.template.spec.containers[0].image"},{"reason":"FieldValueNotSupported","message":"Unsupported value: \"Always\"","field":"spec.template.spec.restartPolicy"}]}""";
        var ex = KubernetesErrors.FromResponse(422, StubHandler.Status(422, "Invalid", "Job.batch \"train\" is invalid: [...]", details), "applying Job ml/train");

        Assert.Equal(2, ex.Causes.Count);
        Assert.Equal("FieldValueRequired", ex.Causes[0].Type);
        Assert.Contains("spec.template.spec.containers[0].image: Required value", ex.Message, StringComparison.Ordinal);
        Assert.Contains("spec.template.spec.restartPolicy: Unsupported value: \"Always\"", ex.Message, StringComparison.Ordinal);
        Assert.Equal("Job", ex.Status!.Details!.Kind);
    }

    [Fact]
    public void Apply_field_manager_conflicts_are_conflicts_with_causes()
    {
        var details = """{"causes":[{"reason":"FieldManagerConflict","message":"conflict with \"kubectl\"","field":".spec.replicas"}]}""";
        var ex = KubernetesErrors.FromResponse(409, StubHandler.Status(409, "Conflict", "Apply failed with 1 conflict", details), "applying Deployment ml/web");

        Assert.Equal(KubernetesErrorReason.Conflict, ex.Reason);
        Assert.Contains(".spec.replicas: conflict with \"kubectl\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_text_bodies_fall_back_to_code_and_text()
    {
        var ex = KubernetesErrors.FromResponse(404, "404 page not found\n", "listing Jobs in namespace ml");

        Assert.Equal(KubernetesErrorReason.NotFound, ex.Reason);
        Assert.Null(ex.Status);
        Assert.Equal("listing Jobs in namespace ml: HTTP 404: 404 page not found", ex.Message);
    }

    [Fact]
    public void Html_bodies_from_proxies_are_not_dumped_into_the_message()
    {
        var ex = KubernetesErrors.FromResponse(502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", "getting Pod ml/p");

        Assert.Equal(KubernetesErrorReason.ServerError, ex.Reason);
        Assert.DoesNotContain("<html", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("HTTP 502", ex.Message, StringComparison.Ordinal);
        Assert.Contains("HTML", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_and_malformed_json_bodies_are_handled()
    {
        Assert.Equal("getting Pod ml/p: HTTP 503 with an empty body", KubernetesErrors.FromResponse(503, "", "getting Pod ml/p").Message);
        var broken = KubernetesErrors.FromResponse(500, "{\"kind\":\"Status\",", "getting Pod ml/p");
        Assert.Equal(KubernetesErrorReason.ServerError, broken.Reason);
        Assert.StartsWith("getting Pod ml/p: HTTP 500", broken.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Retry_after_comes_from_the_header_or_the_status_details()
    {
        var fromDetails = KubernetesErrors.FromResponse(429, StubHandler.Status(429, "TooManyRequests", "x", """{"retryAfterSeconds":3}"""), "op");
        var fromHeader = KubernetesErrors.FromResponse(429, StubHandler.Status(429, "TooManyRequests", "x", """{"retryAfterSeconds":3}"""), "op", TimeSpan.FromSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(3), fromDetails.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(7), fromHeader.RetryAfter);
    }

    [Fact]
    public async Task Request_bodies_never_reach_error_messages()
    {
        var handler = new StubHandler((r, _) => StubHandler.Text(500, "internal error", "text/plain"));
        using var connection = handler.Connect(StubHandler.FastOptions with { MaxAttempts = 1 });
        var secret = new Secret
        {
            Metadata = new ObjectMeta { Name = "creds" },
            StringData = new Dictionary<string, string> { ["PASSWORD"] = "hunter2-very-secret" },
        };

        var ex = await Assert.ThrowsAsync<KubernetesApiException>(() => connection.Api.Secrets.ApplyAsync("ml", secret));

        Assert.Contains("hunter2-very-secret", handler.RequestList[0].Body!, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", secret.ToString(), StringComparison.Ordinal);
        Assert.Contains("applying Secret ml/creds", ex.Message, StringComparison.Ordinal);
    }
}
