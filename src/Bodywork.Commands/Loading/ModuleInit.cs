using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace Bodywork.Commands.Loading;

/// <summary>
/// Import-Module runs this before any cmdlet: from then on, the first use of an engine type in the
/// default context is answered from <see cref="BodyworkLoadContext"/>. Must not touch engine types itself.
/// </summary>
public sealed class ModuleInit : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    public void OnImport() => AssemblyLoadContext.Default.Resolving += ResolveEngine;

    public void OnRemove(PSModuleInfo psModuleInfo) => AssemblyLoadContext.Default.Resolving -= ResolveEngine;

    // Only the engine: anything else the default context cannot find is not ours to supply.
    private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName name) =>
        BodyworkLoadContext.IsEngine(name) ? BodyworkLoadContext.Instance.LoadEngine() : null;
}
