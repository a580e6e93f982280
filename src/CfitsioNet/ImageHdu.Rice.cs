using CfitsioNet.Direct;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>Whole-image reads of RICE_1 integer images by the managed Rice decoder (Direct/RiceTileReader.cs).</summary>
public sealed partial class ImageHdu
{
    private RiceImagePlan? _ricePlan;
    private bool _riceProbed;

    /// <summary>
    /// Reads the whole image with the managed Rice decoder when the HDU is a RICE_1 integer image it provably reads as
    /// CFITSIO does (<see cref="RiceImagePlan"/>) and the read is of every pixel in the natural type without a null value.
    /// Returns false when CFITSIO should read instead, including when any tile fails to decode.
    /// </summary>
    private unsafe bool TryReadRice(ImageInfo info, PixelType type, void* destination, long firstElement, long count, void* nullValue)
    {
        FitsFile file = File;
        if (!info.IsCompressed || !file.DirectReadAllowed || type != info.PixelType || nullValue is not null || firstElement != 0 || count != info.ElementCount)
        {
            return false;
        }

        RiceImagePlan? plan;
        DirectFileSource? source;
        lock (file.Sync)
        {
            source = file.GetDirectSource();
            if (source is null)
            {
                return false;
            }

            if (!_riceProbed)
            {
                FitsHandle handle = file.EnterHdu(Index);
                Cfitsio.MarkErrorMessages();
                try
                {
                    _ricePlan = RiceImagePlan.TryCreate(handle, info, source.Handle);
                }
                catch (System.IO.IOException)
                {
                    _ricePlan = null;
                }
                finally
                {
                    Cfitsio.ClearErrorMessagesToMark();
                }

                _riceProbed = true;
            }

            plan = _ricePlan;
        }

        if (plan is null || !RiceTileReader.TryRead(source.Handle, plan, destination, file.Options.EffectiveParallelism))
        {
            return false;
        }

        file.CountManagedRiceRead();
        return true;
    }
}
