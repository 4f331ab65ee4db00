namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>A readiness, liveness or startup probe: exactly one of tcpSocket, httpGet or exec.</summary>
public sealed record Probe
{
    public TcpSocketAction? TcpSocket { get; set; }
    public HttpGetAction? HttpGet { get; set; }
    public ExecAction? Exec { get; set; }
    public int? InitialDelaySeconds { get; set; }
    public int? PeriodSeconds { get; set; }
    public int? TimeoutSeconds { get; set; }
    public int? SuccessThreshold { get; set; }
    public int? FailureThreshold { get; set; }
}

/// <summary>Probe by opening a TCP connection.</summary>
public sealed record TcpSocketAction
{
    public IntOrString Port { get; set; }
    public string? Host { get; set; }
}

/// <summary>Probe by an HTTP GET (2xx/3xx = success).</summary>
public sealed record HttpGetAction
{
    public string? Path { get; set; }
    public IntOrString Port { get; set; }
    public string? Host { get; set; }

    /// <summary>HTTP or HTTPS.</summary>
    public string? Scheme { get; set; }

    public IReadOnlyList<HttpHeader>? HttpHeaders { get; set; }
}

/// <summary>A header sent by an httpGet probe.</summary>
public sealed record HttpHeader
{
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
}

/// <summary>Probe by running a command in the container (exit 0 = success).</summary>
public sealed record ExecAction
{
    public IReadOnlyList<string>? Command { get; set; }
}
