#Requires -Version 7.4
# Namespace management cmdlets against the standalone fake API server: the pipelines users rely on bind by
# property name (also from foreign objects), Remove-* honour -WhatIf and -Confirm:$false, errors carry
# stable ids, and secret values never show up in output.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $null = Import-BodyworkTestModule
    $script:cluster = Start-BodyworkFakeCluster -Kubelet succeed -Namespace 'pester-ns'
    $script:ns = $script:cluster.Namespace
    $script:kube = @{ KubeConfig = $script:cluster.KubeConfig; Namespace = $script:cluster.Namespace }

    # Objects the workflow would create, sent straight to the fake's REST API (values are JSON, not shell text).
    $script:post = {
        param([string] $Path, [hashtable] $Body)
        Invoke-RestMethod -Method Post -Uri ($script:cluster.Url + $Path) -ContentType 'application/json' -Body ($Body | ConvertTo-Json -Depth 20)
    }
}

AfterAll {
    Stop-BodyworkFakeCluster $script:cluster
}

Describe 'New-BodyworkNamespace and Get-BodyworkNamespace' {
    It 'sets up the namespace once and reports nothing changed the second time' {
        $first = New-BodyworkNamespace -Name $script:ns -KubeConfig $script:cluster.KubeConfig -Confirm:$false
        $first.IsReady | Should -BeTrue
        $first.Created | Should -Contain 'ServiceAccount/bodywork-workflow-controller'

        $second = New-BodyworkNamespace -Name $script:ns -KubeConfig $script:cluster.KubeConfig -Confirm:$false
        $second.Changed | Should -BeFalse
        $second.Created | Should -HaveCount 0
    }

    It 'lists the set-up namespace and pipes it back into New-BodyworkNamespace' {
        $listed = Get-BodyworkNamespace -Name 'pester-*' -KubeConfig $script:cluster.KubeConfig
        $listed.Name | Should -Contain $script:ns
        ($listed | New-BodyworkNamespace -KubeConfig $script:cluster.KubeConfig -Confirm:$false).Changed | Should -Not -Contain $true
    }

    It 'makes no change with -WhatIf' {
        New-BodyworkNamespace -Name 'pester-whatif' -KubeConfig $script:cluster.KubeConfig -WhatIf | Should -BeNullOrEmpty -Because 'nothing was created'
        Get-BodyworkNamespace -Name 'pester-whatif' -KubeConfig $script:cluster.KubeConfig -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe 'Secrets' {
    It 'creates a secret from strings and SecureStrings and never outputs a value' {
        $value = 'pester-Value-' + [guid]::NewGuid().ToString('N')
        $secure = ConvertTo-SecureString -String $value -AsPlainText -Force
        $secret = New-BodyworkSecret @script:kube -Name 'db-login' -Data @{ USERNAME = 'alex'; PASSWORD = $secure } -Confirm:$false -Verbose 4>&1

        $objects = @($secret | Where-Object { $_ -is [Bodywork.Models.Management.BodyworkSecret] })
        $objects | Should -HaveCount 1
        $objects[0].Keys | Should -Be @('PASSWORD', 'USERNAME')
        ($secret | Out-String) | Should -Not -Match ([regex]::Escape($value))
        (Get-BodyworkSecret @script:kube | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($value))
    }

    It 'stores a credential as USERNAME and PASSWORD' {
        $credential = [pscredential]::new('alex', (ConvertTo-SecureString -String 'pw' -AsPlainText -Force))
        (New-BodyworkSecret @script:kube -Name 'cred' -Credential $credential -Confirm:$false).Keys | Should -Be @('PASSWORD', 'USERNAME')
    }

    It 'refuses to overwrite without -Force' {
        { New-BodyworkSecret @script:kube -Name 'cred' -Data @{ A = 'b' } -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'BodyworkSecretAlreadyExists,Bodywork.Commands.NewBodyworkSecretCommand'
    }

    It 'Get-BodyworkSecret | Remove-BodyworkSecret honours -WhatIf, then removes with -Confirm:$false' {
        Get-BodyworkSecret @script:kube -Name 'cred' | Remove-BodyworkSecret -WhatIf
        Get-BodyworkSecret @script:kube -Name 'cred' | Should -HaveCount 1

        Get-BodyworkSecret @script:kube -Name 'cred' | Remove-BodyworkSecret -KubeConfig $script:cluster.KubeConfig -Confirm:$false
        { Get-BodyworkSecret @script:kube -Name 'cred' -ErrorAction Stop } |
            Should -Throw -ErrorId 'BodyworkSecretNotFound,Bodywork.Commands.GetBodyworkSecretCommand'
    }

    It 'binds foreign objects by property name' {
        $foreign = '[{"Name":"db-login","Namespace":"' + $script:ns + '"}]' | ConvertFrom-Json
        $removed = $foreign | Remove-BodyworkSecret -KubeConfig $script:cluster.KubeConfig -Confirm:$false -PassThru
        $removed.Name | Should -Be 'db-login'
    }
}

Describe 'Services' {
    BeforeAll {
        $labels = @{ 'app.kubernetes.io/managed-by' = 'bodywork'; 'bodywork.ml/project' = 'iris'; 'bodywork.ml/stage' = 'serve' }
        & $script:post "/apis/apps/v1/namespaces/$($script:ns)/deployments" @{
            apiVersion = 'apps/v1'; kind = 'Deployment'
            metadata   = @{ name = 'iris--serve'; labels = $labels; annotations = @{ 'bodywork.ml/git-url' = 'https://github.com/example/iris'; 'bodywork.ml/git-branch' = 'main' } }
            spec       = @{
                replicas = 1; selector = @{ matchLabels = $labels }
                template = @{ metadata = @{ labels = $labels }; spec = @{ containers = @(@{ name = 'stage'; image = 'python:3.12'; command = @('sleep', '600') }) } }
            }
        } | Out-Null
        & $script:post "/api/v1/namespaces/$($script:ns)/services" @{
            apiVersion = 'v1'; kind = 'Service'
            metadata   = @{ name = 'iris--serve'; labels = $labels }
            spec       = @{ selector = $labels; ports = @(@{ port = 5000; targetPort = 5000 }) }
        } | Out-Null
    }

    It 'lists the service with its in-cluster URL and Git source' {
        $service = Get-BodyworkService @script:kube
        $service | Should -HaveCount 1
        $service.Url | Should -Be "http://iris--serve.$($script:ns).svc.cluster.local:5000"
        $service.Exposed | Should -BeTrue
        $service.GitRepoUrl | Should -Be 'https://github.com/example/iris'
        $service.Branch | Should -Be 'main'
    }

    It 'Get-BodyworkService | Remove-BodyworkService deletes the deployment and its service' {
        Get-BodyworkService @script:kube | Remove-BodyworkService -WhatIf
        Get-BodyworkService @script:kube | Should -HaveCount 1

        Get-BodyworkService @script:kube | Remove-BodyworkService -KubeConfig $script:cluster.KubeConfig -Confirm:$false
        Get-BodyworkService @script:kube | Should -BeNullOrEmpty
    }
}

Describe 'Cron jobs' {
    It 'rejects an invalid schedule before calling the cluster' {
        { New-BodyworkCronJob @script:kube -Name 'bad' -Schedule '61 * * * *' -GitRepoUrl 'https://github.com/example/iris' -Confirm:$false } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,Bodywork.Commands.NewBodyworkCronJobCommand'
    }

    It 'creates a cron job and pipes it through history into the run log' {
        $cronJob = New-BodyworkCronJob @script:kube -Name 'nightly' -Schedule '0 2 * * *' -GitRepoUrl 'https://github.com/example/iris' -Branch main -Confirm:$false
        $cronJob.Image | Should -BeLike 'ghcr.io/bodywork-ml/bodywork-powershell-controller:*'

        # A run, as the CronJob controller (or kubectl create job --from) would make it.
        $uid = (Invoke-RestMethod -Uri ($script:cluster.Url + "/apis/batch/v1/namespaces/$($script:ns)/cronjobs/nightly")).metadata.uid
        & $script:post "/apis/batch/v1/namespaces/$($script:ns)/jobs" @{
            apiVersion = 'batch/v1'; kind = 'Job'
            metadata   = @{ name = 'nightly-1'; ownerReferences = @(@{ apiVersion = 'batch/v1'; kind = 'CronJob'; name = 'nightly'; uid = $uid; controller = $true }) }
            spec       = @{ backoffLimit = 0; template = @{ spec = @{ restartPolicy = 'Never'; containers = @(@{ name = 'bodywork'; image = 'controller:test'; command = @('bodywork') }) } } }
        } | Out-Null

        $deadline = (Get-Date).AddSeconds(60)
        do {
            $runs = @(Get-BodyworkCronJob @script:kube -Name 'nightly' | Get-BodyworkCronJobHistory -KubeConfig $script:cluster.KubeConfig)
            if ($runs.Count -eq 1 -and $runs[0].Status.ToString() -eq 'Succeeded') { break }
            Start-Sleep -Milliseconds 500
        } while ((Get-Date) -lt $deadline)

        $runs | Should -HaveCount 1
        $runs[0].CronJobName | Should -Be 'nightly'
        $runs[0].Status.ToString() | Should -Be 'Succeeded'
        { $runs | Get-BodyworkCronJobLog -KubeConfig $script:cluster.KubeConfig -ErrorAction Stop } | Should -Not -Throw
    }

    It 'reports a missing cron job with its error id' {
        { Get-BodyworkCronJob @script:kube -Name 'nope' -ErrorAction Stop } |
            Should -Throw -ErrorId 'BodyworkCronJobNotFound,Bodywork.Commands.GetBodyworkCronJobCommand'
        Get-BodyworkCronJob @script:kube -Name 'nope*' | Should -BeNullOrEmpty
    }

    It 'Get-BodyworkCronJob | Remove-BodyworkCronJob honours -WhatIf and -Confirm:$false' {
        Get-BodyworkCronJob @script:kube | Remove-BodyworkCronJob -WhatIf
        Get-BodyworkCronJob @script:kube | Should -HaveCount 1

        Get-BodyworkCronJob @script:kube | Remove-BodyworkCronJob -KubeConfig $script:cluster.KubeConfig -Confirm:$false
        Get-BodyworkCronJob @script:kube | Should -BeNullOrEmpty
    }
}
