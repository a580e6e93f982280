namespace CfitsioNet.Bench.Investigation;

/// <summary>One of issue 13's table targets: a .NET table read, the baseline row it is held against, and the ratio to beat.</summary>
/// <param name="Title">The target's name, exactly as issue 13 gives it.</param>
/// <param name="Columns">The column set (a <see cref="TableCases.ColumnSets"/> label).</param>
/// <param name="Baseline">The baseline's implementation and case: "C table_read_col_chunks" or "fitsio table_read_columns".</param>
/// <param name="Limit">.NET median over the baseline's median must not exceed it.</param>
internal sealed record TableTarget(string Title, string Columns, string Baseline, double Limit);
