namespace Bodywork.Engine.Projects;

/// <summary>
/// The DAG grammar of bodywork.ini: steps separated by <c>&gt;&gt;</c>, stages of a step separated by
/// <c>,</c>. The original removes only spaces; we remove all whitespace so a DAG may span continuation
/// lines (no valid stage name contains whitespace, so nothing that worked before changes).
/// </summary>
internal static class DagParser
{
    /// <summary>Splits the DAG into steps; <paramref name="errors"/> gets every problem with it.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Parse(string dag, List<string> errors)
    {
        var compact = new string(dag.Where(c => !char.IsWhiteSpace(c)).ToArray());
        var steps = compact.Split(">>").Select(step => (IReadOnlyList<string>)step.Split(',')).ToList();
        var emptyIn = new List<int>();
        for (var i = 0; i < steps.Count; i++)
        {
            emptyIn.AddRange(steps[i].Where(s => s.Length == 0).Select(_ => i + 1));
            foreach (var duplicate in steps[i].Where(s => s.Length > 0).GroupBy(s => s, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                errors.Add($"stage {duplicate.Key} appears more than once in step {i + 1}; a stage can run only once per step");
            }
        }
        if (emptyIn.Count > 0)
        {
            errors.Insert(0, $"null stages found in step {string.Join(", ", emptyIn)} when parsing DAG definition "
                + "(expected STAGE[, STAGE...] >> STAGE[, STAGE...] with no empty stage names)");
        }
        return steps;
    }
}
