#Requires -Version 7.4
<#
.SYNOPSIS
Runs the Pester suite (build.ps1 -Task Test starts it in a child pwsh) and exits non-zero on any failure.
.DESCRIPTION
Fails when a test, a block or a whole file fails, and when no test ran at all: an empty run usually
means a broken filter or a file that did not load, which must not pass as green.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $Path,

    [Parameter(Mandatory)]
    [string] $OutputFile,

    [Parameter(Mandatory)]
    [version] $PesterVersion,

    # Comma-separated when passed through pwsh -File.
    [string[]] $ExcludeTag = @()
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

Import-Module -Name Pester -RequiredVersion $PesterVersion -Force

$tags = @($ExcludeTag | ForEach-Object { $_ -split ',' } | ForEach-Object Trim | Where-Object { $_ })
$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = $OutputFile
if ($tags.Count -gt 0) {
    $configuration.Filter.ExcludeTag = $tags
}

$result = Invoke-Pester -Configuration $configuration
$failures = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
Write-Host "Pester: $($result.PassedCount) passed, $($result.FailedCount) failed, $($result.SkippedCount) skipped, $($result.NotRunCount) not run (excluded tags: $(if ($tags) { $tags -join ', ' } else { 'none' }))"
if ($failures -gt 0) {
    Write-Host "Pester: $($result.FailedBlocksCount) failed blocks, $($result.FailedContainersCount) failed files"
    exit 1
}
if ($result.PassedCount -eq 0) {
    Write-Host 'Pester: no test passed; an empty run is a failure.'
    exit 1
}
exit 0
