namespace Bodywork.Engine.Kubernetes.Auth;

/// <summary>
/// A client certificate and key read from files, read again when the files change (cert-manager or a
/// kubeadm renewal rotates them), checked at most once per interval. A half-written pair that fails to load
/// keeps the previous certificate, as kubectl does.
/// </summary>
internal sealed class FileClientCertificateSource : IClientCertificateSource
{
    private readonly Func<(string CertificatePem, string KeyPem)> _read;
    private readonly IReadOnlyList<string> _files;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly object _lock = new();
    private ClientCertificate _current;
    private DateTime[] _stamps;
    private DateTimeOffset _checkedAt;
    private int _generation;

    public FileClientCertificateSource(ClientCertificate initial, Func<(string CertificatePem, string KeyPem)> read, IReadOnlyList<string> files,
        TimeProvider time, TimeSpan interval)
    {
        _current = initial;
        _read = read;
        _files = files;
        _time = time;
        _interval = interval;
        _stamps = Stamps();
        _checkedAt = time.GetUtcNow();
    }

    public ClientCertificate? Current
    {
        get
        {
            CheckForChanges();
            lock (_lock)
            {
                return _current;
            }
        }
    }

    public int Generation
    {
        get
        {
            CheckForChanges();
            lock (_lock)
            {
                return _generation;
            }
        }
    }

    private void CheckForChanges()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (now - _checkedAt < _interval && now >= _checkedAt)
            {
                return;
            }
            _checkedAt = now;
            var stamps = Stamps();
            if (stamps.SequenceEqual(_stamps))
            {
                return;
            }
            try
            {
                var (certificatePem, keyPem) = _read();
                _current = ClientCertificateLoader.Load(certificatePem, keyPem);
                _stamps = stamps;
                _generation++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // Mid-rotation (new certificate, old key): keep the working pair and look again next time.
            }
        }
    }

    private DateTime[] Stamps() => _files.Select(f => File.Exists(f) ? File.GetLastWriteTimeUtc(f) : DateTime.MinValue).ToArray();

    public override string ToString() => "client certificate files";
}
