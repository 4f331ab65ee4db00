# Module manifest for Bodywork. ModuleVersion is a placeholder: build/Module.proj substitutes the
# <Version> of Directory.Build.props when it lays the module out in out/Bodywork.
@{
    RootModule           = 'Bodywork.Commands.dll'
    ModuleVersion        = '0.0.0'
    GUID                 = '5b0f3c2e-8a4d-4f6e-9c71-2d8e4b6a1f37'
    Author               = 'Bodywork contributors'
    CompanyName          = 'Bodywork'
    Copyright            = 'Copyright (c) 2026 Bodywork contributors'
    Description          = 'Deploy machine-learning projects from a Git repository to Kubernetes: batch jobs, services and DAG pipelines. A PowerShell port of Bodywork; no Python needed.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')

    # Formatting only; no RequiredAssemblies or NestedModules: they would load dependencies into the default context.
    FormatsToProcess     = @('Bodywork.Format.ps1xml')

    # Explicit, sorted; a surface test compares it with the cmdlets found in Bodywork.Commands.dll.
    CmdletsToExport      = @(
        'Get-BodyworkCronJob'
        'Get-BodyworkCronJobHistory'
        'Get-BodyworkCronJobLog'
        'Get-BodyworkNamespace'
        'Get-BodyworkProject'
        'Get-BodyworkSecret'
        'Get-BodyworkService'
        'Invoke-BodyworkWorkflow'
        'New-BodyworkCronJob'
        'New-BodyworkNamespace'
        'New-BodyworkSecret'
        'Remove-BodyworkCronJob'
        'Remove-BodyworkSecret'
        'Remove-BodyworkService'
        'Test-BodyworkProject'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()

    PrivateData          = @{
        PSData = @{
            Tags         = @('Kubernetes', 'MLOps', 'Bodywork', 'PSEdition_Core', 'Linux', 'MacOS', 'Windows')
            ProjectUri   = 'https://github.com/bodywork-ml/bodywork-powershell'
            LicenseUri   = 'https://github.com/bodywork-ml/bodywork-powershell/blob/main/LICENSE'
            ReleaseNotes = 'First preview: Test-BodyworkProject and Get-BodyworkProject.'
            Prerelease   = 'preview'
        }
    }
}
