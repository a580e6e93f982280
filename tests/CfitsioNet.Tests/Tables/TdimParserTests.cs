using CfitsioNet.Tables;
using NUnit.Framework;

namespace CfitsioNet.Tests.Tables;

[TestFixture]
public sealed class TdimParserTests
{
    [TestCase("(3,4)", 12L, new long[] { 4, 3 })]            // C order: the last FITS axis first
    [TestCase("(2,3,4)", 24L, new long[] { 4, 3, 2 })]
    [TestCase(" ( 5 ) ", 5L, new long[] { 5 })]
    [TestCase("(4, 3)", 12L, new long[] { 3, 4 })]
    [TestCase("(0)", 0L, new long[] { 0 })]                  // CFITSIO accepts an empty axis
    [TestCase("(1,1,1,1)", 1L, new long[] { 1, 1, 1, 1 })]
    public void Shapes_in_C_order(string tdim, long repeat, long[] shape)
    {
        Assert.That(TdimParser.TryParse(tdim, repeat, variableLength: false, out long[]? parsed, out string? error), Is.True, error);
        Assert.That(parsed, Is.EqualTo(shape));
    }

    [Test]
    public void Variable_length_columns_are_not_checked_against_the_repeat()
    {
        // TDIM of a P/Q column describes each array; the repeat (1) is the descriptor's.
        Assert.That(TdimParser.TryParse("(10,20)", 1, variableLength: true, out long[]? shape, out string? error), Is.True, error);
        Assert.That(shape, Is.EqualTo(new long[] { 20, 10 }));
    }

    [TestCase("(3,5)", 12L, "describes 15 elements, but the column's repeat count is 12")]   // larger than the repeat
    [TestCase("(3,3)", 12L, "describes 9 elements")]                                            // smaller: CFITSIO refuses it too
    [TestCase("(-1,12)", 12L, "negative axis length")]
    [TestCase("(a)", 1L, "not a whole number ('a')")]
    [TestCase("(3.0,4)", 12L, "not a whole number ('3.0')")]
    [TestCase("3,4", 12L, "not of the form")]
    [TestCase("(3,4", 12L, "not of the form")]
    [TestCase("()", 1L, "empty axis length")]
    [TestCase("(3,,4)", 12L, "empty axis length")]
    [TestCase("(99999999999999999999)", 1L, "too large")]
    [TestCase("(4294967296,4294967296,4294967296)", 1L, "more elements than any row")]
    public void Hostile_dimensions_are_refused_with_a_reason(string tdim, long repeat, string reason)
    {
        Assert.That(TdimParser.TryParse(tdim, repeat, variableLength: false, out _, out string? error), Is.False);
        Assert.That(error, Does.Contain(reason));
    }

    [Test]
    public void Too_many_axes_are_refused()
    {
        string tdim = "(" + string.Join(",", System.Linq.Enumerable.Repeat("1", TdimParser.MaxAxes + 1)) + ")";
        Assert.That(TdimParser.TryParse(tdim, 1, variableLength: false, out _, out string? error), Is.False);
        Assert.That(error, Does.Contain($"more than {TdimParser.MaxAxes} axes"));
    }
}
