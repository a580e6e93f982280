using System;

namespace CfitsioNet;

/// <summary>The rule shared by every <c>MaxDegreeOfParallelism</c> option: -1 for every processor, or a positive count.</summary>
internal static class Parallelism
{
    /// <summary>Returns <paramref name="value"/>, or throws when it is 0 or less than -1.</summary>
    internal static int Check(int value) =>
        value == 0 || value < -1
            ? throw new ArgumentOutOfRangeException(nameof(value), value, "Use -1 for all processors, or a positive count.")
            : value;

    /// <summary>The count <paramref name="value"/> stands for: <see cref="Environment.ProcessorCount"/> for -1.</summary>
    internal static int Effective(int value) => value == -1 ? Environment.ProcessorCount : value;
}
