using System.Runtime.CompilerServices;
using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Models;

namespace Bodywork.Engine.Kubernetes.Watch;

/// <summary>List-then-watch with bookmarks, re-list on 410 and reconnect (spec §3.2).</summary>
internal sealed class ListWatcher<T> where T : class, IKubernetesObject
{
    private readonly ResourceOperations<T> _operations;
    private readonly string? _namespace;
    private readonly WatchOptions _options;

    public ListWatcher(ResourceOperations<T> operations, string? ns, WatchOptions options)
    {
        _operations = operations;
        _namespace = ns;
        _options = options;
    }

#pragma warning disable CS1998 // contract stub
    public async IAsyncEnumerable<WatchEvent<T>> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        throw new NotImplementedException("next commit" + _operations.Type + _namespace + _options);
#pragma warning disable CS0162
        yield break;
#pragma warning restore CS0162
    }
#pragma warning restore CS1998
}
