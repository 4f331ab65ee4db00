#Requires -Version 7.4
# The laid-out module (out/Bodywork) as PowerShell sees it: exports, help, format views, and the project
# cmdlets on the example project and on a broken copy, with their stable error ids.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:discoveryRoot = Get-BodyworkRepoRoot
    $script:exportedCmdletNames = @((Import-PowerShellDataFile -LiteralPath (Join-Path $script:discoveryRoot 'Bodywork.psd1')).CmdletsToExport)
    $script:formatXml = [xml] (Get-Content -LiteralPath (Join-Path $script:discoveryRoot 'Bodywork.Format.ps1xml') -Raw)
    $script:formatTypeNames = @($script:formatXml.Configuration.ViewDefinitions.View | ForEach-Object { $_.ViewSelectedBy.TypeName } | Sort-Object -Unique)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:module = Import-BodyworkTestModule
    $script:repoRoot = Get-BodyworkRepoRoot
    $script:manifest = Import-PowerShellDataFile -LiteralPath (Join-Path $script:repoRoot 'Bodywork.psd1')
    $script:example = Join-Path $script:repoRoot 'examples' 'iris-pipeline'
}

Describe 'The Bodywork module' {
    It 'imports without warnings or errors' {
        $warnings = @()
        $errors = @()
        $null = Import-Module -Name (Join-Path $script:module.ModuleBase 'Bodywork.psd1') -Force -Scope Global `
            -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errors
        $warnings | Should -BeNullOrEmpty
        $errors | Should -BeNullOrEmpty
    }

    It 'exports exactly the cmdlets listed in CmdletsToExport' {
        $exported = @(Get-Command -Module Bodywork -CommandType Cmdlet | ForEach-Object Name | Sort-Object)
        $expected = @($script:manifest.CmdletsToExport | Sort-Object)
        $expected.Count | Should -BeGreaterThan 0
        ($exported -join ', ') | Should -BeExactly ($expected -join ', ')
    }

    It 'exports no functions, aliases or variables' {
        Get-Command -Module Bodywork -CommandType Function, Alias | Should -BeNullOrEmpty
        $script:module.ExportedVariables.Count | Should -Be 0
    }

    It 'has the version of Directory.Build.props' {
        $props = Join-Path $script:repoRoot 'Directory.Build.props'
        $version = (Select-Xml -LiteralPath $props -XPath '/Project/PropertyGroup/Version').Node.InnerText
        (Get-Module -Name Bodywork).Version | Should -Be ([version] $version)
    }

    It 'passes Test-ModuleManifest' {
        $info = Test-ModuleManifest -Path (Join-Path $script:module.ModuleBase 'Bodywork.psd1')
        $info.Name | Should -Be 'Bodywork'
        ($info.CompatiblePSEditions -join ',') | Should -Be 'Core'
    }
}

Describe 'Help for <_>' -Tag 'Help' -ForEach $script:exportedCmdletNames {
    BeforeAll {
        $script:help = Get-Help -Name $_ -Full
    }

    It 'has a synopsis from the compiled help' {
        $script:help.Synopsis | Should -Not -BeNullOrEmpty
        # Without MAML, Get-Help makes up a synopsis that is just the syntax line.
        $script:help.Synopsis | Should -Not -Match ('^\s*' + [regex]::Escape($_) + '\s')
    }

    It 'has at least one example with code' {
        $examples = @($script:help.Examples.Example | Where-Object { $_ })
        $examples.Count | Should -BeGreaterThan 0
        $examples[0].Code | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter' {
        $common = @([System.Management.Automation.Cmdlet]::CommonParameters) + @([System.Management.Automation.Cmdlet]::OptionalCommonParameters)
        $parameters = (Get-Command -Name $_).Parameters.Keys | Where-Object { $_ -notin $common }
        foreach ($name in $parameters) {
            $described = $script:help.Parameters.Parameter | Where-Object Name -EQ $name
            $described | Should -Not -BeNullOrEmpty -Because "-$name needs a section in docs/en-US"
        }
    }
}

Describe 'About topics' -Tag 'Help' {
    It 'ships about_Bodywork as text help' {
        $path = Join-Path $script:module.ModuleBase 'en-US' 'about_Bodywork.help.txt'
        $path | Should -Exist
        Get-Content -LiteralPath $path -Raw | Should -Match 'about_Bodywork'
    }
}

Describe 'Format view for <_>' -ForEach $script:formatTypeNames {
    It 'is loaded as a table view' {
        $data = Get-FormatData -TypeName $_
        $data | Should -Not -BeNullOrEmpty
        $tables = @($data.FormatViewDefinition.Control | Where-Object { $_ -is [System.Management.Automation.TableControl] })
        $tables.Count | Should -BeGreaterThan 0
    }
}

Describe 'Output types' {
    It 'every Bodywork output type of every cmdlet has a format view' {
        $types = Get-Command -Module Bodywork -CommandType Cmdlet |
            ForEach-Object { $_.OutputType.Type } |
            Where-Object { $null -ne $_ -and $_.FullName -like 'Bodywork.*' } |
            Sort-Object FullName -Unique
        @($types).Count | Should -BeGreaterThan 0
        foreach ($type in $types) {
            Get-FormatData -TypeName $type.FullName | Should -Not -BeNullOrEmpty -Because "$($type.FullName) is an OutputType"
        }
    }
}

Describe 'Test-BodyworkProject and Get-BodyworkProject on the example project' {
    It 'Test-BodyworkProject returns $true' {
        Test-BodyworkProject -Path $script:example | Should -BeTrue
    }

    It 'Test-BodyworkProject -Detailed returns a valid result with the project' {
        $result = Test-BodyworkProject -Path $script:example -Detailed
        $result | Should -BeOfType 'Bodywork.Models.Projects.BodyworkValidationResult'
        $result.IsValid | Should -BeTrue
        $result.IssueCount | Should -Be 0
        $result.ProjectName | Should -Be 'iris-pipeline'
        ($result | Format-Table | Out-String) | Should -Match 'iris-pipeline'
    }

    It 'binds Get-Item output through FullName' {
        Get-Item -LiteralPath $script:example | Test-BodyworkProject | Should -BeTrue
    }

    It 'Get-BodyworkProject returns the stages and DAG steps' {
        $project = Get-BodyworkProject -Path $script:example
        $project | Should -BeOfType 'Bodywork.Models.Projects.BodyworkProject'
        $project.Name | Should -Be 'iris-pipeline'
        $project.StepCount | Should -Be 4
        ($project.Stages.Name | Sort-Object) -join ',' | Should -Be 'choose-model,prepare-data,scoring-service,train-a,train-b'
        ($project.Steps[1] -join ',') | Should -Be 'train-a,train-b'
        $service = $project.Stages | Where-Object Name -EQ 'scoring-service'
        $service.Port | Should -Be 5000
        $service.ObjectName | Should -Be 'iris-pipeline--scoring-service'
    }
}

Describe 'Test-BodyworkProject and Get-BodyworkProject on a broken copy' {
    BeforeAll {
        $script:broken = Copy-BodyworkExampleProject -Name 'iris-pipeline' -Destination (Join-Path $TestDrive 'broken')
        # Replace values in place so every other line keeps its number.
        $serviceConfig = Join-Path $script:broken 'scoring-service' 'config.ini'
        (Get-Content -LiteralPath $serviceConfig) -replace '^PORT=.*$', 'PORT=70000' | Set-Content -LiteralPath $serviceConfig
        $script:portLine = (Select-String -LiteralPath $serviceConfig -Pattern '^PORT=').LineNumber
        $projectConfig = Join-Path $script:broken 'bodywork.ini'
        (Get-Content -LiteralPath $projectConfig) -replace '^LOG_LEVEL=.*$', 'LOG_LEVEL=LOUD' | Set-Content -LiteralPath $projectConfig
        $script:logLevelLine = (Select-String -LiteralPath $projectConfig -Pattern '^LOG_LEVEL=').LineNumber
    }

    It 'Test-BodyworkProject returns $false and writes each issue as a verbose line' {
        $output = Test-BodyworkProject -Path $script:broken -Verbose 4>&1
        $results = @($output | Where-Object { $_ -is [bool] })
        $verbose = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $results.Count | Should -Be 1
        $results[0] | Should -BeFalse
        @($verbose | Where-Object { $_ -like "scoring-service/config.ini:$($script:portLine): PORT: *" }).Count | Should -Be 1
        @($verbose | Where-Object { $_ -like "bodywork.ini:$($script:logLevelLine): LOG_LEVEL: *" }).Count | Should -Be 1
    }

    It 'Test-BodyworkProject -Detailed reports every issue with file, line and key' {
        $result = Test-BodyworkProject -Path $script:broken -Detailed
        $result.IsValid | Should -BeFalse
        $result.Project | Should -BeNullOrEmpty
        $port = @($result.Issues | Where-Object Key -EQ 'PORT')
        $port.Count | Should -Be 1
        $port[0].File | Should -Be 'scoring-service/config.ini'
        $port[0].Line | Should -Be $script:portLine
        $port[0].Message | Should -Match '70000'
        $logLevel = @($result.Issues | Where-Object Key -EQ 'LOG_LEVEL')
        $logLevel.Count | Should -Be 1
        $logLevel[0].File | Should -Be 'bodywork.ini'
        $logLevel[0].Line | Should -Be $script:logLevelLine
        $result.IssueCount | Should -Be $result.Issues.Count
    }

    It 'Get-BodyworkProject stops with BodyworkConfigInvalid listing every issue' {
        $record = { Get-BodyworkProject -Path $script:broken } | Should -Throw -PassThru
        $record.FullyQualifiedErrorId | Should -BeExactly 'BodyworkConfigInvalid,Bodywork.Commands.GetBodyworkProjectCommand'
        $record.CategoryInfo.Category | Should -Be 'InvalidData'
        $record.Exception | Should -BeOfType 'Bodywork.Models.Errors.BodyworkProjectInvalidException'
        ($record.Exception.Issues.Key | Sort-Object) -join ',' | Should -Match 'LOG_LEVEL.*PORT'
        $record.Exception.Message | Should -Match "scoring-service/config.ini:$($script:portLine): PORT"
    }

    It 'the engine exception can be caught by type in a script' {
        $caught = $null
        try {
            $null = Get-BodyworkProject -Path $script:broken -ErrorAction Stop
        }
        catch [Bodywork.Models.Errors.BodyworkException] {
            $caught = $_.Exception
        }
        $caught | Should -Not -BeNullOrEmpty
        $caught.ErrorId | Should -BeExactly 'BodyworkConfigInvalid'
    }
}

Describe 'Stable error ids' {
    It 'a path on another provider is BodyworkInvalidArgument' {
        { Test-BodyworkProject -Path 'Env:\PATH' } |
            Should -Throw -ErrorId 'BodyworkInvalidArgument,Bodywork.Commands.TestBodyworkProjectCommand'
    }

    It 'an empty path fails parameter validation' {
        { Test-BodyworkProject -Path '' } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,Bodywork.Commands.TestBodyworkProjectCommand'
    }

    It 'a folder without bodywork.ini is invalid, not an exception' {
        $empty = Join-Path $TestDrive 'empty'
        $null = New-Item -ItemType Directory -Path $empty
        $result = Test-BodyworkProject -Path $empty -Detailed
        $result.IsValid | Should -BeFalse
        $result.Issues.File | Should -Contain 'bodywork.ini'
    }
}
