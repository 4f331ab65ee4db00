#Requires -Version 7.4
<#
.SYNOPSIS
Builds, documents, tests and packages the Bodywork module. A thin front end over MSBuild.

.DESCRIPTION
The real work is MSBuild's: `dotnet build build/Module.proj -t:Layout` lays the module out in out/Bodywork
without pwsh. This script adds what needs PowerShell:

  Clean    deletes out/ and the solution's build output.
  Build    dotnet build of the solution, then the Layout target.
  Help     PlatyPS (Microsoft.PowerShell.PlatyPS 1.x): docs/en-US/*.md -> MAML in out/help/en-US
           (plus about_*.help.txt), then Layout again so out/Bodywork/en-US ships it.
  Test     dotnet test, then the Pester suite (tests/Pester) in a child pwsh when Pester 5.5+ is installed.
  Analyze  Test-ModuleManifest and PSScriptAnalyzer (PSScriptAnalyzerSettings.psd1) over *.ps1 and *.psd1.
  Package  a .nupkg of out/Bodywork in out/packages, made by Publish-PSResource to a local folder repository.
  All      Build, Help, Test, Package.

Tools: ./tools/install-tools.ps1 installs the pinned Pester, PlatyPS and PSScriptAnalyzer.
Publishing to the PowerShell Gallery is one command after Package (see README.md):
  Publish-PSResource -Path ./out/Bodywork -Repository PSGallery -ApiKey $env:PSGALLERY_API_KEY

.EXAMPLE
./build.ps1 -Task All

.EXAMPLE
./build.ps1 -Task Build, Test -Configuration Debug
#>
[CmdletBinding()]
param(
    [ValidateSet('Clean', 'Build', 'Help', 'Test', 'Analyze', 'Package', 'All')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Pester tags to leave out (for example Integration); reported, never silent.
    [string[]] $ExcludeTag = @()
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

$RepoRoot = $PSScriptRoot
$Solution = Join-Path $RepoRoot 'Bodywork.sln'
$ModuleProject = Join-Path $RepoRoot 'build' 'Module.proj'
$OutDir = Join-Path $RepoRoot 'out'
$ModuleDir = Join-Path $OutDir 'Bodywork'
$DocsDir = Join-Path $RepoRoot 'docs' 'en-US'
$HelpDir = Join-Path $OutDir 'help' 'en-US'
$PesterDir = Join-Path $RepoRoot 'tests' 'Pester'
$PesterRunner = Join-Path $RepoRoot 'tools' 'Invoke-PesterSuite.ps1'
$AnalyzerSettings = Join-Path $RepoRoot 'PSScriptAnalyzerSettings.psd1'
$PackageDir = Join-Path $OutDir 'packages'
$TestResultsDir = Join-Path $OutDir 'TestResults'
$HelpFileName = 'Bodywork.Commands.dll-Help.xml'

$env:DOTNET_NOLOGO = '1'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'

function Invoke-Native {
    # Runs a native command and stops the build when it fails: $ErrorActionPreference does not cover exit codes.
    # Arguments go in as an array (never -Name tokens on this function's own command line), so
    # PowerShell cannot mistake '-c' or '-t:Layout' for parameters of Invoke-Native.
    param(
        [Parameter(Mandatory)] [string] $FilePath,
        [Parameter(Mandatory)] [string[]] $ArgumentList
    )
    Write-Host "> $FilePath $($ArgumentList -join ' ')" -ForegroundColor DarkGray
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Invoke-Layout {
    Invoke-Native -FilePath 'dotnet' -ArgumentList @('build', $ModuleProject, '-t:Layout', "-p:Configuration=$Configuration", '-nologo')
}

function Get-InstalledModuleVersion([string] $Name, [version] $Minimum) {
    Get-Module -ListAvailable -Name $Name | Where-Object Version -GE $Minimum | Sort-Object Version -Descending | Select-Object -First 1
}

function Invoke-CleanTask {
    if (Test-Path -LiteralPath $OutDir) {
        Remove-Item -LiteralPath $OutDir -Recurse -Force
    }
    Invoke-Native -FilePath 'dotnet' -ArgumentList @('clean', $Solution, '-c', $Configuration, '-nologo')
}

function Invoke-BuildTask {
    Invoke-Native -FilePath 'dotnet' -ArgumentList @('build', $Solution, '-c', $Configuration, '-nologo')
    Invoke-Layout
}

function Invoke-HelpTask {
    $platyPS = Get-InstalledModuleVersion -Name 'Microsoft.PowerShell.PlatyPS' -Minimum '1.0.0'
    if ($null -eq $platyPS) {
        throw 'Microsoft.PowerShell.PlatyPS 1.x is not installed; run ./tools/install-tools.ps1.'
    }
    Import-Module -Name $platyPS.Path -Force

    # PlatyPS writes <folder>/<module>/<external help file>; stage there, then copy what build/Module.proj picks up.
    $staging = Join-Path $OutDir 'help-staging'
    foreach ($dir in $staging, $HelpDir) {
        if (Test-Path -LiteralPath $dir) {
            Remove-Item -LiteralPath $dir -Recurse -Force
        }
    }
    $null = New-Item -ItemType Directory -Path $HelpDir -Force

    $pages = @(Measure-PlatyPSMarkdown -Path (Join-Path $DocsDir '*.md') | Where-Object Filetype -Match 'CommandHelp')
    if ($pages.Count -eq 0) {
        throw "No PlatyPS command pages found in $DocsDir."
    }
    $commandHelp = @($pages | ForEach-Object { Import-MarkdownCommandHelp -Path $_.FilePath })
    $mamlFiles = @($commandHelp | Export-MamlCommandHelp -OutputFolder $staging -Force)
    foreach ($file in $mamlFiles) {
        Copy-Item -LiteralPath $file.FullName -Destination $HelpDir -Force
    }

    # Every page must have reached the one MAML file PowerShell looks for beside Bodywork.Commands.dll.
    $maml = Join-Path $HelpDir $HelpFileName
    if (-not (Test-Path -LiteralPath $maml)) {
        throw "PlatyPS did not produce $HelpFileName (got: $($mamlFiles.Name -join ', ')); check 'external help file' in the pages."
    }
    $commandCount = @(([xml] (Get-Content -LiteralPath $maml -Raw)).helpItems.command).Count
    if ($commandCount -ne $pages.Count) {
        throw "$HelpFileName holds $commandCount commands, but docs/en-US has $($pages.Count) command pages."
    }

    # About topics are plain text for Get-Help: the Markdown without its YAML front matter.
    foreach ($about in Get-ChildItem -LiteralPath $DocsDir -Filter 'about_*.md') {
        $text = Get-Content -LiteralPath $about.FullName -Raw
        $text = $text -replace '(?s)\A---\r?\n.*?\r?\n---\r?\n', ''
        Set-Content -LiteralPath (Join-Path $HelpDir "$($about.BaseName).help.txt") -Value $text -Encoding utf8NoBOM
    }

    Remove-Item -LiteralPath $staging -Recurse -Force
    Invoke-Layout
    $shipped = Join-Path $ModuleDir 'en-US' $HelpFileName
    if (-not (Test-Path -LiteralPath $shipped)) {
        throw "The Layout target did not copy the help into $shipped."
    }
}

function Invoke-TestTask {
    if (Test-Path -LiteralPath $TestResultsDir) {
        Remove-Item -LiteralPath $TestResultsDir -Recurse -Force
    }
    Invoke-Native -FilePath 'dotnet' -ArgumentList @('test', $Solution, '-c', $Configuration, '-nologo', '--logger', 'trx', '--results-directory', $TestResultsDir)

    $pester = Get-InstalledModuleVersion -Name 'Pester' -Minimum '5.5.0'
    if ($null -eq $pester) {
        $message = 'Pester 5.5+ is not installed, so the Pester suite (tests/Pester) did not run; run ./tools/install-tools.ps1.'
        if ($env:CI) {
            throw $message
        }
        Write-Warning $message
        return
    }

    $exclude = [System.Collections.Generic.List[string]]::new()
    $exclude.AddRange([string[]] $ExcludeTag)
    if (-not (Test-Path -LiteralPath (Join-Path $ModuleDir 'en-US' $HelpFileName))) {
        $message = "The module has no compiled help, so Pester tests tagged 'Help' are excluded; run ./build.ps1 -Task Help first."
        if ($env:CI) {
            throw $message
        }
        Write-Warning $message
        $exclude.Add('Help')
    }
    if ($exclude.Count -gt 0) {
        Write-Warning "Pester tags excluded: $($exclude -join ', ')"
    }

    # A child pwsh keeps out/Bodywork's DLLs unlocked in this session (Windows) and gives the module a clean process.
    $pwsh = [System.Environment]::ProcessPath
    $runnerArgs = @('-NoProfile', '-NonInteractive', '-File', $PesterRunner,
        '-Path', $PesterDir, '-OutputFile', (Join-Path $TestResultsDir 'Pester.xml'), '-PesterVersion', $pester.Version.ToString())
    if ($exclude.Count -gt 0) {
        $runnerArgs += @('-ExcludeTag', ($exclude -join ','))
    }
    $env:BODYWORK_CONFIGURATION = $Configuration
    Invoke-Native -FilePath $pwsh -ArgumentList $runnerArgs
}

function Invoke-AnalyzeTask {
    $analyzer = Get-InstalledModuleVersion -Name 'PSScriptAnalyzer' -Minimum '1.21.0'
    if ($null -eq $analyzer) {
        throw 'PSScriptAnalyzer is not installed; run ./tools/install-tools.ps1.'
    }
    Import-Module -Name $analyzer.Path -Force

    $manifest = Join-Path $ModuleDir 'Bodywork.psd1'
    if (-not (Test-Path -LiteralPath $manifest)) {
        throw "$manifest is missing; run ./build.ps1 -Task Build first."
    }
    $null = Test-ModuleManifest -Path $manifest

    $scripts = Get-ChildItem -Path $RepoRoot -Recurse -File -Include '*.ps1', '*.psd1' |
        Where-Object { $_.FullName -notmatch '[\\/](out|bin|obj|node_modules)[\\/]' }
    $findings = @($scripts | ForEach-Object { Invoke-ScriptAnalyzer -Path $_.FullName -Settings $AnalyzerSettings })
    if ($findings.Count -gt 0) {
        $findings | Format-Table -AutoSize RuleName, Severity, ScriptName, Line, Message | Out-String -Width 200 | Write-Host
        throw "PSScriptAnalyzer reported $($findings.Count) finding(s) in $($scripts.Count) files."
    }
    Write-Host "PSScriptAnalyzer: $($scripts.Count) files, no findings."
}

function Invoke-PackageTask {
    $manifest = Join-Path $ModuleDir 'Bodywork.psd1'
    if (-not (Test-Path -LiteralPath $manifest)) {
        throw "$manifest is missing; run ./build.ps1 -Task Build first."
    }
    if (-not (Get-Command -Name 'Publish-PSResource' -ErrorAction SilentlyContinue)) {
        throw 'Microsoft.PowerShell.PSResourceGet (Publish-PSResource) is missing; it ships with PowerShell 7.4+.'
    }
    $null = New-Item -ItemType Directory -Path $PackageDir -Force
    $version = (Import-PowerShellDataFile -LiteralPath $manifest).ModuleVersion
    Get-ChildItem -LiteralPath $PackageDir -Filter "Bodywork.$version*.nupkg" | Remove-Item -Force

    # A throw-away folder repository: publishing to it writes the .nupkg the Gallery would receive.
    $repository = "BodyworkBuild$([guid]::NewGuid().ToString('N'))"
    Register-PSResourceRepository -Name $repository -Uri $PackageDir -Trusted
    try {
        Publish-PSResource -Path $ModuleDir -Repository $repository
    }
    finally {
        Unregister-PSResourceRepository -Name $repository
    }

    $package = Get-ChildItem -LiteralPath $PackageDir -Filter "Bodywork.$version*.nupkg" | Select-Object -First 1
    if ($null -eq $package) {
        throw "Publish-PSResource wrote no Bodywork.$version*.nupkg into $PackageDir."
    }
    Write-Host "Package: $($package.FullName)"
}

$order = @('Clean', 'Build', 'Help', 'Test', 'Analyze', 'Package')
$selected = if ($Task -contains 'All') { @('Build', 'Help', 'Test', 'Package') + @($Task | Where-Object { $_ -ne 'All' }) } else { $Task }
foreach ($name in $order | Where-Object { $selected -contains $_ }) {
    Write-Host "=== $name ($Configuration) ===" -ForegroundColor Cyan
    & "Invoke-$($name)Task"
}
