namespace Bodywork.Engine.Manifests;

/// <summary>
/// The text behind <see cref="StageScript.Text"/>. Rules that keep it safe: user values are read only as
/// "$VARIABLE" (double-quoted), git gets them after <c>--</c> or inside <c>--branch=</c>, and paths are
/// prefixed with ./ or an absolute directory so none can start with '-'. It execs python last so that
/// SIGTERM from the kubelet reaches the stage directly.
/// </summary>
internal static class StageScriptText
{
    public const string Value = """
        set -eu
        say() { printf 'bodywork-stage: %s\n' "$*" >&2; }
        : "${BODYWORK_GIT_URL:?must name the repository}"
        : "${BODYWORK_GIT_BRANCH:?must name the branch}"
        : "${BODYWORK_STAGE_DIR:?must name the stage directory}"
        : "${BODYWORK_STAGE_MODULE:?must name the stage module}"
        commit="${BODYWORK_GIT_COMMIT:-}"
        case "$commit" in
          *[!0-9a-f]*) say "BODYWORK_GIT_COMMIT is not a commit hash"; exit 2 ;;
        esac
        work="$(mktemp -d "${TMPDIR:-/tmp}/bodywork-stage.XXXXXX")"
        repo="$work/repo"
        url="$BODYWORK_GIT_URL"
        ssh=0
        case "$url" in
          ssh://*) ssh=1 ;;
          *://*) ;;
          /*) url="file://$url" ;;
          *@*:*) ssh=1 ;;
        esac
        GIT_TERMINAL_PROMPT=0
        export GIT_TERMINAL_PROMPT
        if [ "$ssh" = 1 ] && [ -n "${BODYWORK_GITHUB_SSH_PRIVATE_KEY:-}" ]; then
          (umask 077 && printf '%s\n' "$BODYWORK_GITHUB_SSH_PRIVATE_KEY" > "$work/id_key")
          GIT_SSH_COMMAND="ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile='$work/known_hosts' -o IdentitiesOnly=yes -i '$work/id_key'"
          export GIT_SSH_COMMAND
        fi
        say "cloning branch $BODYWORK_GIT_BRANCH"
        git clone --quiet --depth=1 --single-branch --no-tags --branch="$BODYWORK_GIT_BRANCH" -- "$url" "$repo"
        if [ -n "$commit" ] && [ "$(git -C "$repo" rev-parse HEAD)" != "$commit" ]; then
          say "checking out commit $commit"
          if ! git -C "$repo" fetch --quiet --depth=1 origin "$commit"; then
            say "commit $commit is no longer available from the branch"
            exit 1
          fi
          git -C "$repo" -c advice.detachedHead=false checkout --quiet "$commit"
        fi
        cd "$repo/$BODYWORK_STAGE_DIR"
        if command -v python3 >/dev/null 2>&1; then py=python3; else py=python; fi
        if [ -n "${BODYWORK_STAGE_REQUIREMENTS:-}" ]; then
          say "installing ./$BODYWORK_STAGE_REQUIREMENTS"
          "$py" -m pip install --disable-pip-version-check --no-input -r "./$BODYWORK_STAGE_REQUIREMENTS"
        fi
        say "running ./$BODYWORK_STAGE_MODULE"
        exec "$py" "./$BODYWORK_STAGE_MODULE"
        """;
}
