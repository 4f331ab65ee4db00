namespace Bodywork.Surface.Tests.Scripts;

/// <summary>
/// Commands a Pester file may call besides TestHelpers.ps1's functions and Bodywork's cmdlets: Pester 5's
/// and the ones PowerShell 7.4 ships in its core modules. A name missing here is either a typo or a
/// dependency that needs a deliberate addition.
/// </summary>
internal static class KnownCommands
{
    public static readonly IReadOnlySet<string> Pester = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Invoke-Pester", "New-PesterConfiguration", "New-PesterContainer", "Set-ItResult", "New-MockObject",
        "Assert-MockCalled", "Assert-VerifiableMock", "Should-Invoke", "Add-ShouldOperator", "Get-ShouldOperator",
        "Export-NUnitReport", "ConvertTo-NUnitReport", "Export-JUnitReport", "ConvertTo-JUnitReport",
    };

    public static readonly IReadOnlySet<string> BuiltIn = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        // Microsoft.PowerShell.Core
        "ForEach-Object", "Where-Object", "Get-Command", "Get-Help", "Get-Module", "Import-Module", "Remove-Module",
        "New-Module", "Test-ModuleManifest", "Get-Job", "Start-Job", "Wait-Job", "Receive-Job", "Remove-Job", "Stop-Job",
        "Invoke-Command", "Out-Host", "Out-Null", "Out-Default", "Set-StrictMode", "Get-PSCallStack", "Set-PSDebug",
        "Export-ModuleMember", "Get-History", "Clear-Host", "Enter-PSSession", "New-PSSession", "Register-ArgumentCompleter",
        "Get-ExperimentalFeature", "Add-History", "Invoke-History",
        // Microsoft.PowerShell.Management
        "Get-ChildItem", "Get-Item", "Get-ItemProperty", "Set-Item", "New-Item", "Remove-Item", "Copy-Item", "Move-Item",
        "Rename-Item", "Clear-Item", "Test-Path", "Join-Path", "Split-Path", "Resolve-Path", "Convert-Path", "Get-Location",
        "Set-Location", "Push-Location", "Pop-Location", "Get-Content", "Set-Content", "Add-Content", "Clear-Content",
        "Get-Process", "Start-Process", "Stop-Process", "Wait-Process", "Get-PSDrive", "New-PSDrive", "Remove-PSDrive",
        "Get-PSProvider", "Get-TimeZone", "Get-Service", "Invoke-Item", "Get-ComputerInfo",
        // Microsoft.PowerShell.Utility
        "Select-Object", "Sort-Object", "Group-Object", "Measure-Object", "Compare-Object", "Tee-Object", "New-Object",
        "Add-Member", "Get-Member", "Select-String", "Select-Xml", "ConvertTo-Json", "ConvertFrom-Json", "ConvertTo-Csv",
        "ConvertFrom-Csv", "Import-Csv", "Export-Csv", "ConvertTo-Xml", "Import-Clixml", "Export-Clixml",
        "ConvertFrom-StringData", "ConvertTo-Html", "Format-Table", "Format-List", "Format-Wide", "Format-Custom",
        "Format-Hex", "Out-String", "Out-File", "Write-Output", "Write-Host", "Write-Verbose", "Write-Debug",
        "Write-Warning", "Write-Error", "Write-Information", "Write-Progress", "Get-Date", "Set-Date", "New-TimeSpan",
        "Start-Sleep", "Get-Random", "Get-Variable", "Set-Variable", "New-Variable", "Remove-Variable", "Clear-Variable",
        "Get-FormatData", "Update-FormatData", "Get-TypeData", "Update-TypeData", "Add-Type", "New-Guid",
        "Get-FileHash", "Invoke-Expression", "Invoke-RestMethod", "Invoke-WebRequest", "Measure-Command",
        "Get-Unique", "Get-Culture", "Get-UICulture", "Get-Host", "Read-Host", "Get-Alias", "Set-Alias", "New-Alias",
        "Import-PowerShellDataFile", "Get-Error", "Get-Uptime", "Join-String", "Test-Json", "ConvertFrom-Markdown",
        "Get-TraceSource", "Trace-Command", "Register-EngineEvent", "Unregister-Event", "Wait-Event", "Get-Event",
        "Remove-Event", "Register-ObjectEvent", "New-Event", "Get-PSBreakpoint", "Debug-Runspace", "Get-Runspace",
        "ConvertTo-SecureString", "ConvertFrom-SecureString", "Get-Credential", "Get-ExecutionPolicy", "Set-ExecutionPolicy",
        "Export-Alias", "Import-Alias", "Get-SecureRandom", "Update-List", "Out-GridView", "Show-Command",
        "New-TemporaryFile", "Get-Verb", "Get-ItemPropertyValue", "Test-Connection", "Get-Acl", "Set-Acl",
        "Wait-Debugger", "Get-PfxCertificate", "Get-AuthenticodeSignature", "Protect-CmsMessage",
        // ThreadJob (ships with 7.4)
        "Start-ThreadJob",
        // Microsoft.PowerShell.PSResourceGet (ships with 7.4)
        "Install-PSResource", "Get-PSResource", "Find-PSResource", "Publish-PSResource", "Register-PSResourceRepository",
        "Unregister-PSResourceRepository", "Get-PSResourceRepository", "Compress-PSResource", "Save-PSResource",
        "Uninstall-PSResource", "Update-PSResource",
    };
}
