using CfitsioNet.Direct;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>Reads of RICE_1 integer images by the managed Rice decoder (Direct/RiceTileReader.cs).</summary>
public sealed partial class ImageHdu
{
    private RiceImagePlan? _ricePlan;
    private bool _riceProbed;

    /// <summary>
    /// Reads a contiguous run of pixels (the whole image, rows, planes) with the managed Rice decoder when the HDU is a
    /// RICE_1 integer image it provably reads as CFITSIO does (<see cref="RiceImagePlan"/>) and the read is in the
    /// natural type without a null value.
    /// Returns false when CFITSIO should read instead, including when any tile fails to decode.
    /// </summary>
    private unsafe bool TryReadRice(ImageInfo info, PixelType type, void* destination, long firstElement, long count, void* nullValue)
    {
        FitsFile file = File;
        if (!info.IsCompressed || !file.DirectReadAllowed || type != info.PixelType || nullValue is not null || firstElement < 0 || count < 1 || count > info.ElementCount - firstElement)
        {
            return false;
        }

        // The managed decoder takes the ranges CFITSIO reads as one box (1-D: any; 2-D: whole rows; 3-D: whole planes),
        // the ones the tests compare with CFITSIO's range reads. Other 3-D runs go to CFITSIO one plane at a time
        // (ImageHdu.ReadPixels: CFITSIO 4.2.0 misreads a run that crosses a plane boundary); CFITSIO refuses pixel reads
        // of images with more than 3 axes.
        long unit = info.Rank switch { 1 => 1, 2 => info.Shape[1], 3 => info.Shape[1] * info.Shape[2], _ => 0 };
        if (unit == 0 || firstElement % unit != 0 || count % unit != 0)
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

        if (plan is null || !RiceTileReader.TryRead(source.Handle, plan, destination, firstElement, count, file.Options.EffectiveParallelism))
        {
            return false;
        }

        file.CountManagedRiceRead();
        return true;
    }
}
