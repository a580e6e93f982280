using System;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>Minimal keyword writing for the writer's own use and tests; the public keyword API is <c>Header</c>.</summary>
public abstract partial class Hdu
{
    /// <summary>
    /// Appends one keyword card to this HDU's header (string, integer, double or logical value). Internal: public
    /// code writes keywords through the HDU's header. A failure faults a file being created, like any write call.
    /// </summary>
    internal void AppendKeyword(string name, object value, string? comment = null)
    {
        lock (File.Sync)
        {
            File.BeginWrite("write a keyword");
            try
            {
                FitsHandle handle = File.EnterHdu(Index);
                string operation = $"write keyword {name}";
                switch (value)
                {
                    case string text:
                        CfitsioProxy.PutKeyString(handle, name, text, comment, operation, At);
                        break;
                    case bool flag:
                        CfitsioProxy.PutKeyLogical(handle, name, flag ? 1 : 0, comment, operation, At);
                        break;
                    case int or long:
                        CfitsioProxy.PutKeyLong(handle, name, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), comment, operation, At);
                        break;
                    case double number:
                        // %.17G: enough digits for every double to read back exactly.
                        CfitsioProxy.PutKeyDouble(handle, name, number, -17, comment, operation, At);
                        break;
                    default:
                        throw new ArgumentException($"Unsupported keyword value type {value.GetType().Name}.", nameof(value));
                }
            }
            catch (Exception e)
            {
                File.Fault(e);
                throw;
            }
        }
    }
}
