#Requires -Version 7.4
# Invoke-BodyworkWorkflow -Namespace against the standalone fake API server in process-kubelet mode: the
# example project's stages run for real (the generated stage script clones the test repository and runs
# Python), logs come back on the information stream, the service is exposed; -WhatIf and a missing branch
# write nothing.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $null = Import-BodyworkTestModule
    $script:cluster = Start-BodyworkFakeCluster -Kubelet process -Namespace 'pester-wf'
    $script:kube = @{ KubeConfig = $script:cluster.KubeConfig; Namespace = $script:cluster.Namespace }
    New-BodyworkNamespace -Name $script:cluster.Namespace -KubeConfig $script:cluster.KubeConfig -Confirm:$false | Out-Null

    # The example project in a repository of its own, with its service on a free port.
    $script:work = Join-Path ([System.IO.Path]::GetTempPath()) ("bodywork-pester-wf-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $script:project = Copy-BodyworkExampleProject -Destination $script:work
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $script:port = $listener.LocalEndpoint.Port
    $listener.Stop()
    $config = Join-Path $script:project 'scoring-service' 'config.ini'
    (Get-Content -LiteralPath $config -Raw).Replace('PORT=5000', "PORT=$script:port") | Set-Content -LiteralPath $config -NoNewline
    foreach ($arguments in @(
            @('init', '--quiet', '--initial-branch', 'main'),
            @('add', '--all'),
            @('-c', 'user.name=Bodywork Tests', '-c', 'user.email=tests@bodywork.invalid', 'commit', '--quiet', '--message', 'example'))) {
        & git -C $script:project @arguments
        if ($LASTEXITCODE -ne 0) { throw "git $($arguments -join ' ') failed" }
    }
}

AfterAll {
    Stop-BodyworkFakeCluster $script:cluster
    if ($script:work) { Remove-Item -LiteralPath $script:work -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'Invoke-BodyworkWorkflow -Namespace' {
    It 'runs the example project on the cluster and exposes its service' {
        $info = @()
        $run = Invoke-BodyworkWorkflow @script:kube -GitRepoUrl $script:project -Branch main -InformationVariable info -InformationAction SilentlyContinue

        $run | Should -HaveCount 1
        $run.GetType().FullName | Should -Be 'Bodywork.Models.Workflows.WorkflowRun'
        $run.Status.ToString() | Should -Be 'Succeeded'
        $run.Project | Should -Be 'iris-pipeline'
        @($run.Steps).Count | Should -Be 4
        $run.ServiceUrls | Should -Contain "http://iris-pipeline--scoring-service.$($script:cluster.Namespace).svc.cluster.local:$script:port"
        $stageLines = @($info | Where-Object { $_.Tags -contains 'StageLog' -and $_.Tags -contains 'prepare-data' })
        ($stageLines.MessageData -join "`n") | Should -Match 'prepared \d+ training rows'
        (Invoke-RestMethod -Uri "http://127.0.0.1:$script:port/healthz" -TimeoutSec 30).status | Should -Be 'ok'
    }

    It 'shows every object with -WhatIf and runs nothing' {
        $run = Invoke-BodyworkWorkflow @script:kube -GitRepoUrl $script:project -Branch main -WhatIf -InformationAction SilentlyContinue

        $run | Should -BeNullOrEmpty
    }

    It 'reports a branch that does not exist with a stable error id' {
        $errors = @()
        $run = Invoke-BodyworkWorkflow @script:kube -GitRepoUrl $script:project -Branch 'main; rm -rf /' -ErrorVariable errors -ErrorAction SilentlyContinue

        $run | Should -BeNullOrEmpty
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'BodyworkGitRepoUnavailable*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}
