using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace CfitsioNet;

/// <summary>
/// The columns of a <see cref="TableHdu"/> in TFORMn order, by position or by name. Names match as CFITSIO matches
/// them for an exact template: case-insensitively; the first of several columns with the same name wins. A column
/// without a name (no TTYPEn) is found as <c>col</c>n, as astropy names it.
/// </summary>
public sealed class TableColumnCollection : IReadOnlyList<TableColumn>
{
    private readonly TableColumn[] _columns;
    private readonly Dictionary<string, TableColumn> _byName;

    internal TableColumnCollection(TableColumn[] columns)
    {
        _columns = columns;
        _byName = new Dictionary<string, TableColumn>(columns.Length, StringComparer.OrdinalIgnoreCase);
        foreach (TableColumn column in columns)
        {
            if (column.Name.Length > 0)
            {
                _byName.TryAdd(column.Name, column);
            }
        }
    }

    /// <summary>The number of columns (TFIELDS).</summary>
    public int Count => _columns.Length;

    /// <summary>The column at a 0-based position (column number - 1).</summary>
    /// <param name="index">0-based position.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not less than <see cref="Count"/>.</exception>
    public TableColumn this[int index] => (uint)index < (uint)_columns.Length
        ? _columns[index]
        : throw new ArgumentOutOfRangeException(nameof(index), $"The table has {_columns.Length} columns; index {index} is outside.");

    /// <summary>The column named <paramref name="name"/> (TTYPEn, case-insensitive).</summary>
    /// <param name="name">The column's name.</param>
    /// <exception cref="KeyNotFoundException">No column has that name; the message lists the names there are.</exception>
    public TableColumn this[string name] => TryGet(name, out TableColumn? column)
        ? column
        : throw new KeyNotFoundException($"The table has no column named '{name}'. Its columns: {Describe()}.");

    /// <summary>Whether a column named <paramref name="name"/> exists.</summary>
    /// <param name="name">The column's name.</param>
    /// <returns>True when it exists.</returns>
    public bool Contains(string name) => TryGet(name, out _);

    /// <summary>The column named <paramref name="name"/>, if any.</summary>
    /// <param name="name">The column's name.</param>
    /// <param name="column">The column, or null.</param>
    /// <returns>True when found.</returns>
    public bool TryGet(string name, [NotNullWhen(true)] out TableColumn? column)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = name.Trim();
        if (_byName.TryGetValue(key, out column))
        {
            return true;
        }

        // A column without TTYPEn is col<n>, as astropy names it.
        if (key.Length > 3 && key.StartsWith("col", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(key.AsSpan(3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int number)
            && number >= 1 && number <= _columns.Length && _columns[number - 1].Name.Length == 0)
        {
            column = _columns[number - 1];
            return true;
        }

        column = null;
        return false;
    }

    /// <summary>The columns in order.</summary>
    /// <returns>An enumerator.</returns>
    public IEnumerator<TableColumn> GetEnumerator() => ((IEnumerable<TableColumn>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private string Describe()
    {
        const int shown = 20;
        var names = new List<string>(Math.Min(shown, _columns.Length));
        for (int i = 0; i < _columns.Length && i < shown; i++)
        {
            names.Add(_columns[i].Name.Length == 0 ? $"(column {i + 1} has no name)" : _columns[i].Name);
        }

        return string.Join(", ", names) + (_columns.Length > shown ? $", ... ({_columns.Length} in all)" : "");
    }
}
