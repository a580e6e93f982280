using System;
using System.Numerics;
using CfitsioNet.Interop;

namespace CfitsioNet.Tables;

/// <summary>
/// One column of a <see cref="TableChunk"/>: the array its values are read into in the column's natural type, and
/// null flags where the column has nulls that are not NaN. The generic subclasses are named explicitly (no
/// reflection), so the whole path stays trimming- and AOT-safe.
/// </summary>
internal abstract class ColumnSlot
{
    protected ColumnSlot(TableColumn column) => Column = column;

    internal TableColumn Column { get; }

    internal abstract object Values { get; }

    internal bool[]? Nulls { get; private protected set; }

    /// <summary>Reads rows <c>first + offset</c> .. <c>+ rows</c> of a fixed-width column into the slot at row <paramref name="offset"/>.</summary>
    internal virtual void ReadBlock(TableHdu table, FitsHandle handle, long first, long offset, long rows) =>
        throw new InvalidOperationException("not a fixed-width column");

    /// <summary>Reads a variable-length column's arrays for the chunk's rows.</summary>
    internal virtual void ReadVariable(TableHdu table, long first, int rows) =>
        throw new InvalidOperationException("not a variable-length column");

    internal abstract ColumnSlot Copy();

    /// <summary>The direct path's gather for this slot, when its values (and no null flags) can be byte moves.</summary>
    internal virtual GatherColumn? DirectGather => null;

    /// <summary>The address of the slot's first value (its array is on the pinned heap).</summary>
    internal virtual nint Address => 0;

    internal static ColumnSlot Create(TableHdu table, TableColumn column, int rows)
    {
        if (column.Type == ColumnType.String)
        {
            return column.IsVariableLength ? new VariableStringSlot(column) : new StringSlot(column, rows);
        }

        Type natural = column.NaturalType;
        return column.IsVariableLength ? CreateVariable(table, column, natural) : CreateFixed(table, column, natural, rows);
    }

    private static ColumnSlot CreateFixed(TableHdu table, TableColumn column, Type natural, int rows)
    {
        if (natural == typeof(bool)) return new FixedSlot<bool>(table, column, rows);
        if (natural == typeof(Complex)) return new FixedSlot<Complex>(table, column, rows);
        if (natural == typeof(byte)) return new FixedSlot<byte>(table, column, rows);
        if (natural == typeof(sbyte)) return new FixedSlot<sbyte>(table, column, rows);
        if (natural == typeof(short)) return new FixedSlot<short>(table, column, rows);
        if (natural == typeof(ushort)) return new FixedSlot<ushort>(table, column, rows);
        if (natural == typeof(int)) return new FixedSlot<int>(table, column, rows);
        if (natural == typeof(uint)) return new FixedSlot<uint>(table, column, rows);
        if (natural == typeof(long)) return new FixedSlot<long>(table, column, rows);
        if (natural == typeof(ulong)) return new FixedSlot<ulong>(table, column, rows);
        if (natural == typeof(float)) return new FixedSlot<float>(table, column, rows);
        return new FixedSlot<double>(table, column, rows);
    }

    private static ColumnSlot CreateVariable(TableHdu table, TableColumn column, Type natural)
    {
        if (natural == typeof(bool)) return new VariableSlot<bool>(table, column);
        if (natural == typeof(Complex)) return new VariableSlot<Complex>(table, column);
        if (natural == typeof(byte)) return new VariableSlot<byte>(table, column);
        if (natural == typeof(sbyte)) return new VariableSlot<sbyte>(table, column);
        if (natural == typeof(short)) return new VariableSlot<short>(table, column);
        if (natural == typeof(ushort)) return new VariableSlot<ushort>(table, column);
        if (natural == typeof(int)) return new VariableSlot<int>(table, column);
        if (natural == typeof(uint)) return new VariableSlot<uint>(table, column);
        if (natural == typeof(long)) return new VariableSlot<long>(table, column);
        if (natural == typeof(ulong)) return new VariableSlot<ulong>(table, column);
        if (natural == typeof(float)) return new VariableSlot<float>(table, column);
        return new VariableSlot<double>(table, column);
    }

    private sealed class FixedSlot<T> : ColumnSlot
        where T : unmanaged
    {
        private readonly ColumnReader.Plan _plan;
        private readonly T[] _values;

        internal FixedSlot(TableHdu table, TableColumn column, int rows)
            : base(column)
        {
            _plan = ColumnReader.PlanRead<T>(table, column, table.Schema.NaturalPixels[column.Number - 1], default, variable: false);
            // Pinned, so the direct path can gather every column of a block into its array in one pass.
            _values = GC.AllocateUninitializedArray<T>(checked((int)(rows * column.CellElements * _plan.PerElement)), pinned: true);
            bool integer = typeof(T) != typeof(float) && typeof(T) != typeof(double) && typeof(T) != typeof(Complex);
            if (integer && (column.Null is not null || column.Type == ColumnType.Logical || column.IsAscii))
            {
                Nulls = new bool[_values.Length];
            }
        }

        private FixedSlot(FixedSlot<T> from)
            : base(from.Column)
        {
            _plan = from._plan;
            // Pinned as well: a detached chunk may come back as the reuse of a read, whose direct path gathers into the
            // array at its address (Clone would make a movable copy).
            _values = GC.AllocateUninitializedArray<T>(from._values.Length, pinned: true);
            from._values.AsSpan().CopyTo(_values);
            Nulls = (bool[]?)from.Nulls?.Clone();
        }

        internal override object Values => _values;

        internal override GatherColumn? DirectGather => Nulls is null ? _plan.Gather : null;

        internal override unsafe nint Address => (nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(_values));

        internal override unsafe void ReadBlock(TableHdu table, FitsHandle handle, long first, long offset, long rows)
        {
            long cell = Column.CellElements;
            fixed (T* values = _values)
            fixed (bool* nulls = Nulls)
            {
                ColumnReader.Read(table, handle, Column, _plan, first + offset + 1, 1, rows * cell, values + (offset * cell * _plan.PerElement),
                                  nulls is null ? null : nulls + (offset * cell));
            }
        }

        internal override ColumnSlot Copy() => new FixedSlot<T>(this);
    }

    private sealed class VariableSlot<T> : ColumnSlot
        where T : unmanaged
    {
        private readonly ColumnReader.Plan _plan;
        private VariableLengthColumn<T>? _values;

        internal VariableSlot(TableHdu table, TableColumn column)
            : base(column)
            => _plan = ColumnReader.PlanRead<T>(table, column, table.Schema.NaturalPixels[column.Number - 1], default, variable: true);

        private VariableSlot(VariableSlot<T> from)
            : base(from.Column)
            => (_plan, _values) = (from._plan, from._values);

        internal override object Values => _values!;

        internal override void ReadVariable(TableHdu table, long first, int rows) =>
            _values = VariableArrays.Read<T>(table, Column, _plan, first, rows);

        // Each read makes new arrays, so the copy can share the current ones.
        internal override ColumnSlot Copy() => new VariableSlot<T>(this);
    }

    private sealed class StringSlot : ColumnSlot
    {
        private readonly string[] _values;
        private readonly int _perRow;

        internal StringSlot(TableColumn column, int rows)
            : base(column)
        {
            _perRow = StringCells.Split(column).PerRow;
            _values = new string[checked(rows * _perRow)];
        }

        private StringSlot(StringSlot from)
            : base(from.Column)
            => (_perRow, _values) = (from._perRow, (string[])from._values.Clone());

        internal override object Values => _values;

        internal override void ReadBlock(TableHdu table, FitsHandle handle, long first, long offset, long rows)
        {
            string[] block = StringCells.Read(table, Column, first + offset, rows);
            Array.Copy(block, 0, _values, offset * _perRow, block.Length);
        }

        internal override ColumnSlot Copy() => new StringSlot(this);
    }

    private sealed class VariableStringSlot : ColumnSlot
    {
        private string[] _values = [];

        internal VariableStringSlot(TableColumn column)
            : base(column)
        {
        }

        internal override object Values => _values;

        internal override void ReadVariable(TableHdu table, long first, int rows) =>
            _values = VariableArrays.ReadStrings(table, Column, first, rows);

        // Each read makes a new array, so the copy can share the current one.
        internal override ColumnSlot Copy() => new VariableStringSlot(Column) { _values = _values };
    }
}
