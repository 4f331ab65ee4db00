using System.Globalization;

namespace Bodywork.Engine.Management;

/// <summary>
/// Validates a CronJob schedule the way the Kubernetes CronJob controller reads it: five fields
/// (minute hour day-of-month month day-of-week) separated by spaces, each a comma list of <c>*</c>,
/// <c>?</c> (day fields), <c>N</c>, <c>A-B</c>, with an optional <c>/STEP</c>; month and weekday names
/// (jan–dec, sun–sat); or a macro such as <c>@hourly</c>. Wider than the original's validator, which
/// refused names, macros and mixed lists that Kubernetes accepts.
/// </summary>
public static class CronSchedule
{
    private static readonly string[] Macros = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

    private static readonly string[] MonthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private static readonly Field[] Fields =
    [
        new("minute", 0, 59, null, 0, false),
        new("hour", 0, 23, null, 0, false),
        new("day of month", 1, 31, null, 0, true),
        new("month", 1, 12, MonthNames, 1, false),
        // 7 is Sunday too, as in the cron library Kubernetes uses.
        new("day of week", 0, 7, DayNames, 0, true),
    ];

    /// <summary>True when <paramref name="schedule"/> is valid.</summary>
    public static bool IsValid(string? schedule) => Validate(schedule) is null;

    /// <summary>
    /// Returns null when the schedule is valid, else what is wrong, naming the field and what was
    /// expected (e.g. <c>minute field '60' is out of range 0-59</c>).
    /// </summary>
    public static string? Validate(string? schedule)
    {
        if (string.IsNullOrWhiteSpace(schedule))
        {
            return "the schedule is empty; expected five fields such as '0 * * * *' or a macro such as '@hourly'";
        }

        var text = schedule.Trim();
        if (text.StartsWith('@'))
        {
            return Macros.Contains(text.ToLowerInvariant())
                ? null
                : $"'{text}' is not a known macro; expected one of {string.Join(", ", Macros)}";
        }

        var parts = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5)
        {
            return $"expected 5 fields (minute hour day-of-month month day-of-week) separated by spaces, found {parts.Length}";
        }

        for (var i = 0; i < parts.Length; i++)
        {
            if (ValidateField(Fields[i], parts[i]) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? ValidateField(Field field, string text)
    {
        foreach (var item in text.Split(','))
        {
            if (item.Length == 0)
            {
                return $"{field.Name} field '{text}' has an empty list item";
            }

            if (ValidateItem(field, item) is { } problem)
            {
                return $"{field.Name} field '{item}' {problem}";
            }
        }

        return null;
    }

    private static string? ValidateItem(Field field, string item)
    {
        var range = item;
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            range = item[..slash];
            var step = item[(slash + 1)..];
            if (!int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                return $"has an invalid step '{step}' (expected a whole number of at least 1)";
            }
        }

        if (range == "*" || (range == "?" && field.AllowsQuestionMark))
        {
            return null;
        }

        var dash = range.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            // A single value with a step ("5/15") means "from 5 to the maximum, every 15".
            return ParseValue(field, range, out _);
        }

        if (ParseValue(field, range[..dash], out var low) is { } lowProblem)
        {
            return lowProblem;
        }

        if (ParseValue(field, range[(dash + 1)..], out var high) is { } highProblem)
        {
            return highProblem;
        }

        return low <= high ? null : $"has a range whose start {low} is after its end {high}";
    }

    private static string? ParseValue(Field field, string text, out int value)
    {
        value = 0;
        if (text.Length == 0)
        {
            return "has an empty value";
        }

        if (field.Names is { } names)
        {
            var index = Array.IndexOf(names, text.ToLowerInvariant());
            if (index >= 0)
            {
                value = index + field.NameOffset;
                return null;
            }
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            var expected = field.Names is null ? "a number" : $"a number or a name ({string.Join(", ", field.Names)})";
            return $"is not valid: '{text}' is not {expected}";
        }

        return value < field.Min || value > field.Max ? $"is out of range {field.Min}-{field.Max}" : null;
    }

    private sealed record Field(string Name, int Min, int Max, string[]? Names, int NameOffset, bool AllowsQuestionMark);
}
