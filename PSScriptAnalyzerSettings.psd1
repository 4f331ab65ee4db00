# PSScriptAnalyzer settings for the repository's scripts (build.ps1, tools/, tests/Pester/) and data files.
#   Invoke-ScriptAnalyzer -Path . -Recurse -Settings ./PSScriptAnalyzerSettings.psd1
# (build.ps1 -Task Analyze runs it over every *.ps1 and *.psd1 outside out/, bin/, obj/.) The cmdlets
# themselves are C#: their design rules are checked from metadata by tests/Bodywork.Surface.Tests.
@{
    Severity     = @('Error', 'Warning')

    ExcludeRules = @(
        # Build and tool scripts report to the console on purpose; their output is not meant for a pipeline.
        'PSAvoidUsingWriteHost'
    )

    Rules        = @{
        PSUseCompatibleSyntax     = @{
            Enable         = $true
            TargetVersions = @('7.0')
        }
        PSAvoidUsingCmdletAliases = @{
            Enable = $true
        }
        # Stroustrup braces: '{' on the statement's line, '}' on its own line before else/catch/finally.
        PSPlaceOpenBrace          = @{
            Enable             = $true
            OnSameLine         = $true
            NewLineAfter       = $true
            IgnoreOneLineBlock = $true
        }
        PSPlaceCloseBrace         = @{
            Enable             = $true
            NewLineAfter       = $true
            IgnoreOneLineBlock = $true
            NoEmptyLineBefore  = $false
        }
    }
}
