#Requires -Version 7.4
<#
.SYNOPSIS
Installs the PowerShell tools the build uses, at pinned versions, for the current user.
.DESCRIPTION
Pester (tests/Pester), Microsoft.PowerShell.PlatyPS 1.x (build.ps1 -Task Help: docs/en-US is in its
2024-05-01 schema) and PSScriptAnalyzer (build.ps1 -Task Analyze), through Install-PSResource
(Microsoft.PowerShell.PSResourceGet ships with PowerShell 7.4+). Tools already present at the pinned
version are left alone, so the script is cheap to re-run.
#>
[CmdletBinding()]
param(
    # Where the tools come from; a mirror can be registered under another name.
    [string] $Repository = 'PSGallery'
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

$tools = [ordered]@{
    'Pester'                       = '5.7.1'
    'Microsoft.PowerShell.PlatyPS' = '1.0.1'
    'PSScriptAnalyzer'             = '1.24.0'
}

foreach ($name in $tools.Keys) {
    $version = [version] $tools[$name]
    $present = Get-Module -ListAvailable -Name $name | Where-Object Version -EQ $version
    if ($present) {
        Write-Host "$name $version is already installed."
        continue
    }
    Write-Host "Installing $name $version from $Repository"
    Install-PSResource -Name $name -Version $tools[$name] -Repository $Repository -Scope CurrentUser -TrustRepository -Reinstall -Quiet
    if (-not (Get-Module -ListAvailable -Name $name | Where-Object Version -EQ $version)) {
        throw "$name $version is not available after Install-PSResource."
    }
}
