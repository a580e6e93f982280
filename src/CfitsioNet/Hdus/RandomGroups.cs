using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace CfitsioNet;

/// <summary>
/// The groups of a random-groups primary array (GROUPS = T, NAXIS1 = 0; radio interferometry's UVFITS), read by
/// <see cref="ImageHdu.ReadGroups"/>: each group's parameters with PSCALn/PZEROn applied, named by PTYPEn, and each
/// group's array with BSCALE/BZERO applied, as doubles. Immutable.
/// </summary>
/// <remarks>
/// Values are <c>PZEROn + PSCALn * stored</c> and <c>BZERO + BSCALE * stored</c> in double arithmetic (as astropy
/// computes the parameters); a stored 64-bit integer first becomes the nearest double. Integer arrays' BLANK values
/// become NaN (parameters have no BLANK). Several parameters may share a name: UVFITS splits a date into two parts
/// whose sum is the value, so <see cref="GetParameter(string)"/> sums them, as astropy's <c>par()</c> does.
/// </remarks>
public sealed class RandomGroups
{
    private readonly double[] _parameters;
    private readonly double[] _data;
    private readonly long[] _groupShape;

    internal RandomGroups(string[] names, long[] groupShape, int groupCount, double[] parameters, double[] data)
    {
        ParameterNames = Array.AsReadOnly(names);
        _groupShape = groupShape;
        GroupShape = Array.AsReadOnly(groupShape);
        GroupCount = groupCount;
        _parameters = parameters;
        _data = data;
        GroupLength = groupCount == 0 ? 0 : data.Length / groupCount;
    }

    /// <summary>The number of groups (GCOUNT).</summary>
    public int GroupCount { get; }

    /// <summary>The number of parameters in each group (PCOUNT).</summary>
    public int ParameterCount => ParameterNames.Count;

    /// <summary>The parameters' names (PTYPEn, trailing blanks removed; empty where the header has none), in order.</summary>
    public ReadOnlyCollection<string> ParameterNames { get; }

    /// <summary>The shape of each group's array in C order, slowest-varying first: <c>[NAXISn, ..., NAXIS2]</c>.</summary>
    public ReadOnlyCollection<long> GroupShape { get; }

    /// <summary>The number of values in each group's array (the product of <see cref="GroupShape"/>).</summary>
    public int GroupLength { get; }

    /// <summary>Every group's parameters, group after group: <see cref="GroupCount"/> times <see cref="ParameterCount"/> values.</summary>
    public ReadOnlySpan<double> Parameters => _parameters;

    /// <summary>Every group's array, group after group, each in C order: <see cref="GroupCount"/> times <see cref="GroupLength"/> values.</summary>
    public ReadOnlySpan<double> Data => _data;

    /// <summary>The parameters of one group.</summary>
    /// <param name="group">Zero-based group number.</param>
    /// <returns><see cref="ParameterCount"/> values, in PTYPEn order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="group"/> is negative or not less than <see cref="GroupCount"/>.</exception>
    public ReadOnlySpan<double> GetParameters(int group)
    {
        CheckGroup(group);
        return _parameters.AsSpan(group * ParameterCount, ParameterCount);
    }

    /// <summary>The array of one group, in C order (see <see cref="GroupShape"/>).</summary>
    /// <param name="group">Zero-based group number.</param>
    /// <returns><see cref="GroupLength"/> values.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="group"/> is negative or not less than <see cref="GroupCount"/>.</exception>
    public ReadOnlySpan<double> GetData(int group)
    {
        CheckGroup(group);
        return _data.AsSpan(group * GroupLength, GroupLength);
    }

    /// <summary>One parameter's value in every group.</summary>
    /// <param name="parameter">Zero-based parameter number (PTYPE1 is 0).</param>
    /// <returns><see cref="GroupCount"/> values.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parameter"/> is negative or not less than <see cref="ParameterCount"/>.</exception>
    public double[] GetParameter(int parameter)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameter);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(parameter, ParameterCount);
        var values = new double[GroupCount];
        for (int g = 0; g < values.Length; g++)
        {
            values[g] = _parameters[(g * ParameterCount) + parameter];
        }

        return values;
    }

    /// <summary>A named parameter's value in every group: the sum of every parameter of that name (case-insensitive).</summary>
    /// <param name="name">A PTYPEn value, e.g. <c>UU</c> or <c>DATE</c>.</param>
    /// <returns><see cref="GroupCount"/> values.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">No parameter has that name; the message lists the names.</exception>
    public double[] GetParameter(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        double[]? sum = null;
        for (int p = 0; p < ParameterCount; p++)
        {
            if (string.Equals(ParameterNames[p], name.TrimEnd(' '), StringComparison.OrdinalIgnoreCase))
            {
                double[] values = GetParameter(p);
                if (sum is null)
                {
                    sum = values;
                }
                else
                {
                    for (int g = 0; g < sum.Length; g++)
                    {
                        sum[g] += values[g];
                    }
                }
            }
        }

        return sum ?? throw new KeyNotFoundException(
            $"No group parameter is named '{name}'; the parameters are: {string.Join(", ", ParameterNames)}.");
    }

    /// <summary>The shape of each group's array as a new array (see <see cref="GroupShape"/>).</summary>
    /// <returns>A copy the caller may change.</returns>
    public long[] GetGroupShape() => (long[])_groupShape.Clone();

    private void CheckGroup(int group)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(group);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(group, GroupCount);
    }
}
