namespace Bodywork.Engine.Manifests;

/// <summary>
/// Where a stage's pods get their code and image: the run's repository, branch and the exact commit the
/// controller validated, so every pod runs what was checked. These values reach the stage script only as
/// environment variables (<see cref="StageScript"/>).
/// </summary>
/// <param name="Namespace">Namespace the objects go to.</param>
/// <param name="RepoUrl">Git URL (or path) the pods clone; for SSH URLs the key comes from the namespace's secret.</param>
/// <param name="Branch">Branch to clone.</param>
/// <param name="Commit">Commit the pods check out; null: the branch head.</param>
/// <param name="Image">Container image (the project's DOCKER_IMAGE or the -Image override).</param>
public sealed record StageSource(string Namespace, string RepoUrl, string Branch, string? Commit, string Image);
