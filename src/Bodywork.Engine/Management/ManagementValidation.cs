using Bodywork.Engine.Validation;

namespace Bodywork.Engine.Management;

/// <summary>Input checks run before any cluster call, so bad input changes nothing and says exactly what is wrong.</summary>
public static class ManagementValidation
{
    /// <summary>CronJob names leave room for the 11-character suffix the controller adds to each run's Job.</summary>
    public const int MaxCronJobNameLength = 52;

    public static void NamespaceName(string? @namespace) =>
        Check(KubernetesNames.ValidateDns1123Label(@namespace), $"namespace '{@namespace}'", @namespace);

    public static void SecretName(string? name) =>
        Check(KubernetesNames.ValidateDns1123Subdomain(name), $"secret name '{name}'", name);

    public static void ObjectName(string? name, string what) =>
        Check(KubernetesNames.ValidateDns1123Label(name), $"{what} name '{name}'", name);

    public static void CronJobName(string? name)
    {
        ObjectName(name, "cron job");
        if (name!.Length > MaxCronJobNameLength)
        {
            throw ManagementErrors.InvalidArgument(
                $"cron job name '{name}' must be no more than {MaxCronJobNameLength} characters (it has {name.Length}): "
                + "Kubernetes appends a suffix to name each run", name);
        }
    }

    /// <summary>Keys become environment variable names in stage containers.</summary>
    public static void SecretKeys(IReadOnlyCollection<string> keys, string secretName)
    {
        if (keys.Count == 0)
        {
            throw ManagementErrors.InvalidArgument($"secret '{secretName}' needs at least one key and value", secretName,
                "Pass keys and values, e.g. -Data @{ USERNAME = 'alex' } or --data USERNAME=alex PASSWORD=alex123.");
        }

        foreach (var key in keys)
        {
            if (KubernetesNames.ValidateSecretKey(key) is { } problem)
            {
                throw ManagementErrors.InvalidArgument($"secret key '{key}' {problem}", secretName);
            }
        }
    }

    /// <summary>The schedule, with the original's message followed by what is wrong.</summary>
    public static void Schedule(string? schedule)
    {
        if (CronSchedule.Validate(schedule) is { } problem)
        {
            throw new Bodywork.Models.Errors.BodyworkException(Bodywork.Models.Errors.BodyworkErrorIds.CronScheduleInvalid,
                Bodywork.Models.Errors.BodyworkErrorCategory.InvalidArgument,
                $"schedule={schedule} is not a valid cron schedule: {problem}", schedule,
                "Use five fields 'minute hour day-of-month month day-of-week', e.g. '0 2 * * *' (02:00 daily), '*/15 * * * *', '0 6 * * mon-fri', or '@hourly'.");
        }
    }

    /// <summary>URL and branch become container arguments: they must not look like options.</summary>
    public static void GitSource(string? url, string? branch)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw ManagementErrors.InvalidArgument("the Git repository URL is empty", url);
        }

        if (url.StartsWith('-') || url.Any(char.IsWhiteSpace) || url.Any(char.IsControl))
        {
            throw ManagementErrors.InvalidArgument($"the Git repository URL '{url}' must not start with '-' or contain spaces or control characters", url);
        }

        if (branch is null)
        {
            return; // the repository's default branch
        }

        if (string.IsNullOrWhiteSpace(branch) || branch.StartsWith('-') || branch.Any(char.IsWhiteSpace) || branch.Any(char.IsControl)
            || branch.Contains("..", StringComparison.Ordinal))
        {
            throw ManagementErrors.InvalidArgument(
                $"the branch '{branch}' is not a valid Git branch name (empty, starts with '-', or contains spaces, control characters or '..')", branch);
        }
    }

    private static void Check(string? problem, string what, string? target)
    {
        if (problem is not null)
        {
            throw ManagementErrors.InvalidArgument($"{what} {problem}", target);
        }
    }
}
