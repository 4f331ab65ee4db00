namespace Bodywork.Engine.Git;

/// <summary>What was cloned.</summary>
public sealed record GitCloneResult(string Directory, string Branch, string Commit);
