namespace Bodywork.Models.Projects;

/// <summary>One line of a stage's [secrets] section: environment variable ← key of the same name in a Secret.</summary>
public sealed record StageSecret(string EnvironmentVariable, string SecretName);
