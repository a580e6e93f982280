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
                int status = 0;
                switch (value)
                {
                    case string text:
                        Cfitsio.PutKeyString(handle, name, text, comment, ref status);
                        break;
                    case bool flag:
                        Cfitsio.PutKeyLogical(handle, name, flag ? 1 : 0, comment, ref status);
                        break;
                    case int or long:
                        Cfitsio.PutKeyLong(handle, name, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), comment, ref status);
                        break;
                    case double number:
                        // %.17G: enough digits for every double to read back exactly.
                        Cfitsio.PutKeyDouble(handle, name, number, -17, comment, ref status);
                        break;
                    default:
                        throw new ArgumentException($"Unsupported keyword value type {value.GetType().Name}.", nameof(value));
                }

                File.Check(status, $"write keyword {name}", Index);
            }
            catch (Exception e)
            {
                File.Fault(e);
                throw;
            }
        }
    }
}
