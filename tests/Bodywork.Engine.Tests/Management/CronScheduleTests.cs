using Bodywork.Engine.Management;
using Xunit;

namespace Bodywork.Engine.Tests.Management;

/// <summary>The schedule validator: what Kubernetes accepts, and a message naming the field for what it does not.</summary>
public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("* * * * *")]
    [InlineData("*/5 * * * *")]
    [InlineData("0,15,30 * * * *")]
    [InlineData("15-45 * * * *")]
    [InlineData("15-45/5 * * * *")]
    [InlineData("1,3-5 * * * *")]
    [InlineData("5/15 * * * *")]
    [InlineData("0 2 * * *")]
    [InlineData("0 0 1 jan *")]
    [InlineData("0 6 * * mon-fri")]
    [InlineData("0 6 ? * SUN")]
    [InlineData("0 0 * * 7")]
    [InlineData("0 0 1,15 */2 *")]
    [InlineData("@hourly")]
    [InlineData("@daily")]
    [InlineData("@yearly")]
    [InlineData("  0  2 * * *  ")]
    public void Accepts(string schedule) => Assert.Null(CronSchedule.Validate(schedule));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("* * * *", "expected 5 fields")]
    [InlineData("* * * * * *", "found 6")]
    [InlineData("60 * * * *", "minute field '60' is out of range 0-59")]
    [InlineData("* 24 * * *", "hour field '24' is out of range 0-23")]
    [InlineData("* * 0 * *", "day of month field '0' is out of range 1-31")]
    [InlineData("* * * 13 *", "month field '13' is out of range 1-12")]
    [InlineData("* * * * 8", "day of week field '8' is out of range 0-7")]
    [InlineData("* * * foo *", "month field 'foo' is not valid")]
    [InlineData("*/0 * * * *", "invalid step '0'")]
    [InlineData("45-15 * * * *", "start 45 is after its end 15")]
    [InlineData("15-30-45 * * * *", "minute field '15-30-45'")]
    [InlineData("1,,2 * * * *", "empty list item")]
    [InlineData("? * * * *", "minute field '?'")]
    [InlineData("@sometimes", "not a known macro")]
    [InlineData("-1 * * * *", "minute field '-1'")]
    public void Rejects_with_a_message_naming_the_problem(string schedule, string expected)
    {
        var problem = CronSchedule.Validate(schedule);
        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
