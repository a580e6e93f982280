using System.Collections.Generic;
using CfitsioNet.Tool.Cli;

namespace CfitsioNet.Tool.Comparing;

/// <summary>What <c>fits diff</c> compares and how closely, with fitsdiff's defaults.</summary>
/// <param name="RelativeTolerance">Floating-point values differ when |a - b| &gt; atol + rtol * |b| (0: exact).</param>
/// <param name="AbsoluteTolerance">See <paramref name="RelativeTolerance"/>.</param>
/// <param name="IgnoredKeywords">Keywords whose presence and values are not compared (wildcards allowed).</param>
/// <param name="IgnoredComments">Keywords whose comments are not compared (wildcards allowed).</param>
/// <param name="IgnoreBlanks">Trailing blanks in string values are not significant.</param>
/// <param name="IgnoreBlankCards">Entirely blank cards are left out of header comparisons.</param>
/// <param name="MaxReported">How many differing values to list per HDU (all are counted).</param>
internal sealed record DiffOptions(
    double RelativeTolerance,
    double AbsoluteTolerance,
    IReadOnlyList<KeywordPattern> IgnoredKeywords,
    IReadOnlyList<KeywordPattern> IgnoredComments,
    bool IgnoreBlanks,
    bool IgnoreBlankCards,
    int MaxReported)
{
    /// <summary>Whether two floating-point values count as equal (NaN and infinities equal any non-finite value, as in fitsdiff).</summary>
    public bool Close(double a, double b)
    {
        if (a == b)
        {
            return true;
        }

        if (!double.IsFinite(a) || !double.IsFinite(b))
        {
            return !double.IsFinite(a) && !double.IsFinite(b);
        }

        return System.Math.Abs(a - b) <= AbsoluteTolerance + (RelativeTolerance * System.Math.Abs(b));
    }
}
