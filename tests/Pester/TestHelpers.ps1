#Requires -Version 7.4
# Shared helpers for the Pester suite. Every *.Tests.ps1 dot-sources this file:
#
#     BeforeAll { . (Join-Path $PSScriptRoot 'TestHelpers.ps1') }
#
# Functions (a surface test checks that Pester files call only these, Pester's and Bodywork's commands):
#   Get-BodyworkRepoRoot
#   Import-BodyworkTestModule [-Configuration Release]
#   Start-BodyworkFakeCluster [-Kubelet process|succeed|manual] [-Tls] [-Authentication] [-Namespace NS]
#                             [-KubeConfig PATH] [-TimeoutSec 180]
#   Stop-BodyworkFakeCluster [-Cluster] <object> [-TimeoutSec 30]
#   Copy-BodyworkExampleProject [-Name iris-pipeline] -Destination DIR
#   New-BodyworkExampleGitRepository [-Name iris-pipeline] -Destination DIR [-Branch main]
#   Invoke-BodyworkChildSession -ScriptBlock {...} [-ArgumentList ...]
# Native commands are checked through $LASTEXITCODE; values are passed as arguments, never spliced into text.

function Get-BodyworkRepoRoot {
    <# .SYNOPSIS The repository root (two levels above tests/Pester). #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '..' '..')).ProviderPath
}

function Get-BodyworkTestConfiguration {
    <# .SYNOPSIS The build configuration the suite runs against: $env:BODYWORK_CONFIGURATION, else Release. #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    if ([string]::IsNullOrWhiteSpace($env:BODYWORK_CONFIGURATION)) { 'Release' } else { $env:BODYWORK_CONFIGURATION }
}

function Invoke-BodyworkDotnet {
    <# .SYNOPSIS Runs dotnet with the given arguments; throws with its output when it fails. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [string[]] $ArgumentList
    )
    $output = & dotnet @ArgumentList 2>&1
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($ArgumentList -join ' ') failed with exit code $LASTEXITCODE`n$($output -join [Environment]::NewLine)"
    }
    $output | ForEach-Object { Write-Verbose "$_" }
}

function Import-BodyworkTestModule {
    <#
    .SYNOPSIS
    Imports out/Bodywork/Bodywork.psd1 globally, laying the module out first (MSBuild Layout target) when it is missing.
    .OUTPUTS
    The imported PSModuleInfo.
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.PSModuleInfo])]
    param(
        [ValidateSet('Debug', 'Release')]
        [string] $Configuration = (Get-BodyworkTestConfiguration)
    )
    $root = Get-BodyworkRepoRoot
    $manifest = Join-Path $root 'out' 'Bodywork' 'Bodywork.psd1'
    if (-not (Test-Path -LiteralPath $manifest -PathType Leaf)) {
        Write-Verbose "Laying out the module ($Configuration): $manifest is missing"
        Invoke-BodyworkDotnet -ArgumentList @('build', (Join-Path $root 'build' 'Module.proj'), '-t:Layout', "-p:Configuration=$Configuration", '-nologo')
    }
    Import-Module -Name $manifest -Force -Scope Global -PassThru -ErrorAction Stop
}

function Start-BodyworkFakeCluster {
    <#
    .SYNOPSIS
    Starts tests/FakeKubernetes as a background process and waits until it listens.
    .DESCRIPTION
    Runs `dotnet run --project tests/FakeKubernetes --no-build -c <Configuration> -- --kubeconfig <file> ...`
    (building the project first when its output is missing) and waits, with a timeout, for the one line
    `Listening on <url>` that the server prints once the kubeconfig is written. The kubeconfig's current
    context is 'fake', its namespace -Namespace. Stop it with Stop-BodyworkFakeCluster (in AfterAll).
    .OUTPUTS
    [pscustomobject] with KubeConfig (path), Url, Namespace, Context ('fake'), Kubelet, Tls, Process.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([pscustomobject])]
    param(
        # How simulated pods end: succeed (default), process (runs the container command as a local process), manual.
        [ValidateSet('process', 'succeed', 'manual')]
        [string] $Kubelet = 'succeed',

        # Serve HTTPS with a self-signed CA (written into the kubeconfig).
        [switch] $Tls,

        # Require credentials (the kubeconfig gets a valid token).
        [switch] $Authentication,

        # Created at start besides default, kube-system, kube-public; the kubeconfig context's namespace.
        [ValidatePattern('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')]
        [string] $Namespace = 'default',

        # Where to write the kubeconfig; default: a new file in the temp folder (removed by Stop-BodyworkFakeCluster).
        [string] $KubeConfig,

        [ValidateRange(1, 3600)]
        [int] $TimeoutSec = 180,

        [ValidateSet('Debug', 'Release')]
        [string] $Configuration = (Get-BodyworkTestConfiguration)
    )

    $root = Get-BodyworkRepoRoot
    $project = Join-Path $root 'tests' 'FakeKubernetes'
    $ownsKubeConfig = [string]::IsNullOrEmpty($KubeConfig)
    if ($ownsKubeConfig) {
        $KubeConfig = Join-Path ([System.IO.Path]::GetTempPath()) "bodywork-fake-$([guid]::NewGuid().ToString('N')).kubeconfig"
    }
    else {
        $KubeConfig = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($KubeConfig)
    }

    if (-not $PSCmdlet.ShouldProcess($KubeConfig, 'Start the fake Kubernetes API server')) {
        return
    }

    $builtServer = Join-Path $project 'bin' $Configuration 'net10.0' 'FakeKubernetes.dll'
    if (-not (Test-Path -LiteralPath $builtServer -PathType Leaf)) {
        Write-Verbose "Building FakeKubernetes ($Configuration): $builtServer is missing"
        Invoke-BodyworkDotnet -ArgumentList @('build', $project, '-c', $Configuration, '-nologo')
    }

    $startInfo = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @('run', '--project', $project, '--no-build', '--no-launch-profile', '-c', $Configuration, '--',
            '--kubeconfig', $KubeConfig, '--kubelet', $Kubelet, '--namespace', $Namespace)) {
        $startInfo.ArgumentList.Add($argument)
    }
    if ($Tls) { $startInfo.ArgumentList.Add('--tls') }
    if ($Authentication) { $startInfo.ArgumentList.Add('--auth') }
    $startInfo.WorkingDirectory = $root
    $startInfo.UseShellExecute = $false
    # stdin stays open: closing it is how Stop-BodyworkFakeCluster asks the server to shut down cleanly.
    $startInfo.RedirectStandardInput = $true
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.Environment['DOTNET_NOLOGO'] = '1'
    $startInfo.Environment['DOTNET_CLI_TELEMETRY_OPTOUT'] = '1'

    $process = [System.Diagnostics.Process]::Start($startInfo)
    # Drain stderr from the start so a chatty server can never block on a full pipe.
    $stderr = $process.StandardError.ReadToEndAsync()
    $seen = [System.Collections.Generic.List[string]]::new()
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    $url = $null
    try {
        while ($null -eq $url) {
            $remaining = $deadline - [DateTime]::UtcNow
            if ($remaining -le [TimeSpan]::Zero) {
                throw "The fake Kubernetes server did not print 'Listening on <url>' within $TimeoutSec s."
            }
            $lineTask = $process.StandardOutput.ReadLineAsync()
            if (-not $lineTask.Wait($remaining)) {
                throw "The fake Kubernetes server did not print 'Listening on <url>' within $TimeoutSec s."
            }
            $line = $lineTask.Result
            if ($null -eq $line) {
                $null = $process.WaitForExit(10000)
                $errorText = if ($stderr.Wait(5000)) { $stderr.Result } else { '' }
                throw "The fake Kubernetes server exited before it listened (exit code $($process.ExitCode)).`n$($seen -join "`n")`n$errorText"
            }
            if ($line -match '^Listening on (?<url>\S+)\s*$') {
                $url = $Matches['url']
            }
            else {
                $seen.Add($line)
            }
        }
    }
    catch {
        if (-not $process.HasExited) {
            $process.Kill($true)
            $null = $process.WaitForExit(10000)
        }
        $process.Dispose()
        if ($ownsKubeConfig -and (Test-Path -LiteralPath $KubeConfig)) {
            Remove-Item -LiteralPath $KubeConfig -Force
        }
        throw
    }

    # Keep reading stdout so later output cannot fill the pipe.
    $stdout = $process.StandardOutput.ReadToEndAsync()
    [pscustomobject]@{
        PSTypeName     = 'Bodywork.Tests.FakeCluster'
        KubeConfig     = $KubeConfig
        Url            = $url
        Namespace      = $Namespace
        Context        = 'fake'
        Kubelet        = $Kubelet
        Tls            = $Tls.IsPresent
        Process        = $process
        OwnsKubeConfig = $ownsKubeConfig
        StandardOutput = $stdout
        StandardError  = $stderr
    }
}

function Stop-BodyworkFakeCluster {
    <#
    .SYNOPSIS
    Stops a server started by Start-BodyworkFakeCluster: closes its stdin (clean shutdown, which also ends any
    stage processes it ran), kills the process tree if it has not exited within -TimeoutSec, and removes
    the kubeconfig it created. Accepts $null, so AfterAll can call it even when BeforeAll failed.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline)]
        [AllowNull()]
        [psobject] $Cluster,

        [ValidateRange(1, 600)]
        [int] $TimeoutSec = 30
    )
    process {
        if ($null -eq $Cluster) {
            return
        }
        if (-not $PSCmdlet.ShouldProcess($Cluster.Url, 'Stop the fake Kubernetes API server')) {
            return
        }
        $process = [System.Diagnostics.Process] $Cluster.Process
        try {
            if (-not $process.HasExited) {
                try {
                    $process.StandardInput.Close()
                }
                catch [System.IO.IOException] {
                    Write-Verbose "stdin of the fake server was already closed: $($_.Exception.Message)"
                }
                if (-not $process.WaitForExit($TimeoutSec * 1000)) {
                    Write-Warning "The fake Kubernetes server did not stop within $TimeoutSec s; killing it."
                    $process.Kill($true)
                    $null = $process.WaitForExit(10000)
                }
            }
        }
        finally {
            $process.Dispose()
            if ($Cluster.OwnsKubeConfig -and (Test-Path -LiteralPath $Cluster.KubeConfig)) {
                Remove-Item -LiteralPath $Cluster.KubeConfig -Force
            }
        }
    }
}

function Copy-BodyworkExampleProject {
    <#
    .SYNOPSIS
    Copies examples/<Name> into -Destination (created if needed) and returns the copy's full path,
    so a test can break or change it without touching the repository.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [ValidatePattern('^[A-Za-z0-9._-]+$')]
        [string] $Name = 'iris-pipeline',

        [Parameter(Mandatory)]
        [string] $Destination
    )
    $source = Join-Path (Get-BodyworkRepoRoot) 'examples' $Name
    if (-not (Test-Path -LiteralPath (Join-Path $source 'bodywork.ini') -PathType Leaf)) {
        throw "examples/$Name is not a Bodywork project (no bodywork.ini)."
    }
    $target = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Destination)
    $null = New-Item -ItemType Directory -Path $target -Force
    Get-ChildItem -LiteralPath $source -Force | Copy-Item -Destination $target -Recurse -Force
    $target
}

function New-BodyworkExampleGitRepository {
    <#
    .SYNOPSIS
    Copies examples/<Name> into -Destination and commits it as a Git repository on -Branch.
    .OUTPUTS
    [pscustomobject] with Path, Url (a file:// URL) and Branch.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([pscustomobject])]
    param(
        [ValidatePattern('^[A-Za-z0-9._-]+$')]
        [string] $Name = 'iris-pipeline',

        [Parameter(Mandatory)]
        [string] $Destination,

        [ValidatePattern('^[A-Za-z0-9._/-]+$')]
        [string] $Branch = 'main'
    )
    if (-not $PSCmdlet.ShouldProcess($Destination, 'Create a Git repository')) {
        return
    }
    $path = Copy-BodyworkExampleProject -Name $Name -Destination $Destination
    $git = @(
        @('init', '--quiet', '--initial-branch', $Branch),
        @('-c', 'user.name=Bodywork Tests', '-c', 'user.email=tests@bodywork.invalid', 'add', '--all'),
        @('-c', 'user.name=Bodywork Tests', '-c', 'user.email=tests@bodywork.invalid', 'commit', '--quiet', '--message', "example $Name")
    )
    foreach ($arguments in $git) {
        $output = & git -C $path @arguments 2>&1
        if ($LASTEXITCODE -ne 0) {
            throw "git $($arguments -join ' ') failed with exit code $LASTEXITCODE`n$($output -join [Environment]::NewLine)"
        }
    }
    [pscustomobject]@{
        Path   = $path
        Url    = ([System.Uri]::new($path)).AbsoluteUri
        Branch = $Branch
    }
}

function Invoke-BodyworkChildSession {
    <#
    .SYNOPSIS
    Runs -ScriptBlock in a fresh pwsh process (same executable) and returns its output, deserialized.
    Use it for tests that need a clean process, such as assembly loading order. Throws when the child fails.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [scriptblock] $ScriptBlock,

        [object[]] $ArgumentList = @()
    )
    $pwsh = [System.Environment]::ProcessPath
    if ([string]::IsNullOrEmpty($pwsh) -or -not (Split-Path -Leaf $pwsh).StartsWith('pwsh', [StringComparison]::OrdinalIgnoreCase)) {
        $pwsh = (Get-Command -Name 'pwsh' -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source
    }
    # A script block argument makes pwsh exchange arguments and output as CLIXML: nothing is spliced into text.
    $output = & $pwsh -NoProfile -NonInteractive -Command $ScriptBlock -args $ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "The child pwsh session failed with exit code $LASTEXITCODE."
    }
    $output
}
