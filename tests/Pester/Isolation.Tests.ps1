#Requires -Version 7.4
# Dependency isolation: the engine and its YamlDotNet load in the module's own AssemblyLoadContext, so a
# different YamlDotNet that another module loaded first (into the default context) cannot break Bodywork.
# Runs in a fresh pwsh: in this process the module may already be loaded, which would prove nothing.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:module = Import-BodyworkTestModule
    $script:repoRoot = Get-BodyworkRepoRoot

    # tests/Bodywork.Surface.Tests downloads YamlDotNet 13.7.1 (PackageDownload) for this test; the engine ships 16.x.
    $locals = @(& dotnet nuget locals global-packages --list)
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet nuget locals failed with exit code $LASTEXITCODE"
    }
    $globalPackages = ($locals | Where-Object { $_ -match '^global-packages:' } | Select-Object -First 1) -replace '^global-packages:\s*', ''
    $script:otherYaml = Get-ChildItem -LiteralPath (Join-Path $globalPackages.Trim() 'yamldotnet' '13.7.1' 'lib') -Recurse -Filter 'YamlDotNet.dll' |
        Where-Object { $_.Directory.Name -in 'net6.0', 'net7.0', 'netstandard2.1' } |
        Sort-Object { $_.Directory.Name } -Descending |
        Select-Object -First 1 -ExpandProperty FullName
    if (-not $script:otherYaml) {
        throw "YamlDotNet 13.7.1 is not in $globalPackages; restore tests/Bodywork.Surface.Tests first (dotnet restore Bodywork.sln)."
    }

    $script:cluster = Start-BodyworkFakeCluster -Kubelet succeed -Namespace 'isolation'

    $script:facts = Invoke-BodyworkChildSession -ArgumentList @(
        (Join-Path $script:module.ModuleBase 'Bodywork.psd1'),
        $script:otherYaml,
        (Join-Path $script:repoRoot 'examples' 'iris-pipeline'),
        $script:cluster.KubeConfig
    ) -ScriptBlock {
        param($ManifestPath, $OtherYamlPath, $ProjectPath, $KubeConfigPath)
        $ErrorActionPreference = 'Stop'
        $contextOf = { param($assembly) [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly).Name }
        $loaded = { param($name) [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq $name } }

        # Another module's YamlDotNet, first and in the default context (what powershell-yaml or platyPS 0.14 do).
        Add-Type -LiteralPath $OtherYamlPath
        $other = & $loaded 'YamlDotNet' | Select-Object -First 1

        Import-Module -Name $ManifestPath
        $valid = Test-BodyworkProject -Path $ProjectPath

        # Reading a kubeconfig goes through the engine's YAML parser: the path that would clash.
        $engine = & $loaded 'Bodywork.Engine' | Select-Object -First 1
        $optionsType = $engine.GetType('Bodywork.Engine.Kubernetes.Config.KubernetesConnectionOptions', $true)
        $loaderType = $engine.GetType('Bodywork.Engine.Kubernetes.Config.KubernetesConfigLoader', $true)
        $options = $optionsType::new($KubeConfigPath, $null, $null)
        $config = $loaderType::Load($options, $null)

        $yaml = @(& $loaded 'YamlDotNet')
        $models = & $loaded 'Bodywork.Models' | Select-Object -First 1
        [pscustomobject]@{
            Valid                = $valid
            OtherYamlVersion     = $other.GetName().Version.ToString()
            OtherYamlContext     = & $contextOf $other
            EngineContext        = & $contextOf $engine
            EngineYamlVersions   = @($yaml | Where-Object { (& $contextOf $_) -eq 'Bodywork' } | ForEach-Object { $_.GetName().Version.ToString() })
            DefaultYamlVersions  = @($yaml | Where-Object { (& $contextOf $_) -eq 'Default' } | ForEach-Object { $_.GetName().Version.ToString() })
            ModelsContext        = & $contextOf $models
            ModelsCount          = @(& $loaded 'Bodywork.Models').Count
            KubeServer           = $config.Server.AbsoluteUri
            KubeContext          = $config.ContextName
            KubeNamespace        = $config.Namespace
            DependencyYamlVersion = [System.Reflection.AssemblyName]::GetAssemblyName(
                (Join-Path (Split-Path -Parent $ManifestPath) 'Dependencies' 'YamlDotNet.dll')).Version.ToString()
        }
    } | Select-Object -Last 1
}

AfterAll {
    Stop-BodyworkFakeCluster -Cluster $script:cluster
}

Describe 'Assembly isolation' {
    It 'the other YamlDotNet really is another version, loaded into the default context first' {
        $script:facts.OtherYamlContext | Should -Be 'Default'
        $script:facts.OtherYamlVersion | Should -Not -Be $script:facts.DependencyYamlVersion
    }

    It 'Test-BodyworkProject still works' {
        $script:facts.Valid | Should -BeTrue
    }

    It 'the engine sits in the Bodywork load context' {
        $script:facts.EngineContext | Should -Be 'Bodywork'
    }

    It 'the engine parsed a kubeconfig with its own YamlDotNet' {
        $script:facts.KubeContext | Should -Be 'fake'
        $script:facts.KubeNamespace | Should -Be 'isolation'
        $script:facts.KubeServer.TrimEnd('/') | Should -Be $script:cluster.Url.TrimEnd('/')
        ($script:facts.EngineYamlVersions -join ',') | Should -Be $script:facts.DependencyYamlVersion
        ($script:facts.DefaultYamlVersions -join ',') | Should -Be $script:facts.OtherYamlVersion
    }

    It 'the shared types stay in the default context, loaded once' {
        $script:facts.ModelsContext | Should -Be 'Default'
        $script:facts.ModelsCount | Should -Be 1
    }
}
