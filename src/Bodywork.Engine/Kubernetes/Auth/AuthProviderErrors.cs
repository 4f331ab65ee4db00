using Bodywork.Models.Errors;

namespace Bodywork.Engine.Kubernetes.Auth;

/// <summary>
/// The legacy in-tree auth providers are gone from Kubernetes clients; a kubeconfig still using one gets
/// told exactly what to install instead.
/// </summary>
internal static class AuthProviderErrors
{
    public static BodyworkException Removed(string providerName, string userName, string file)
    {
        var (message, action) = providerName switch
        {
            "gcp" => ("the 'gcp' auth-provider was removed from Kubernetes clients (kubectl 1.26).",
                "Install gke-gcloud-auth-plugin ('gcloud components install gke-gcloud-auth-plugin'), then run " +
                "'gcloud container clusters get-credentials CLUSTER' again to rewrite the kubeconfig with an exec plugin."),
            "azure" => ("the 'azure' auth-provider was removed from Kubernetes clients (kubectl 1.26).",
                "Install kubelogin (https://azure.github.io/kubelogin/) and run 'kubelogin convert-kubeconfig -l azurecli' " +
                "(or 'az aks get-credentials' again) to switch the kubeconfig to an exec plugin."),
            "oidc" => ("the 'oidc' auth-provider is not supported by Bodywork (it was removed from client-go based tools other than kubectl).",
                "Use an exec plugin instead, for example kubelogin from int128 ('kubectl oidc-login', https://github.com/int128/kubelogin): " +
                "'kubectl oidc-login setup' prints the exec section to put in the kubeconfig."),
            _ => ($"the auth-provider '{providerName}' is not supported.",
                "Configure the user with a token, a client certificate or an exec credential plugin."),
        };
        return new BodyworkException(BodyworkErrorIds.AuthProviderUnsupported, BodyworkErrorCategory.NotInstalled,
            $"kubeconfig '{file}' user '{userName}': {message} {action}", userName, action);
    }
}
