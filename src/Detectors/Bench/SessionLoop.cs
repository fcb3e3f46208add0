using System.Diagnostics;
using Cbvr.Features.Inference;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Cbvr.Detectors.Bench;

/// <summary>
/// The floor of a model step: a bare <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/>
/// loop on inputs made once, shaped like the model's inputs (batch <c>batch</c>, other free dimensions <c>side</c>).
/// </summary>
public static class SessionLoop
{
    /// <summary>
    /// Seconds for <paramref name="runs"/> calls through Cbvr's wrapper (<see cref="OnnxModel.Run(float[], long[], string?)"/>:
    /// an <see cref="OrtValue"/> over a pooled buffer per call, outputs disposed) on the same input the bare loop uses.
    /// </summary>
    public static double TimeWrapper(OnnxModel model, int batch, int runs, int side = 320)
    {
        var meta = model.Session.InputMetadata.Values.Single();
        var shape = meta.Dimensions.Select((d, i) => (long)(d > 0 ? d : i == 0 ? batch : side)).ToArray();
        var data = Enumerable.Range(0, (int)shape.Aggregate(1L, (a, b) => a * b)).Select(i => (float)((i % 255) / 255.0)).ToArray();
        using (model.Run(data, shape))
        {
        }

        var clock = Stopwatch.StartNew();
        for (var r = 0; r < runs; r++)
        {
            using var outputs = model.Run(data, shape);
        }

        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Seconds for <paramref name="runs"/> bare runs after one warm-up run.</summary>
    public static double Time(InferenceSession session, int batch, int runs, int side = 320)
    {
        var names = new List<string>();
        var values = new List<OrtValue>();
        try
        {
            foreach (var (name, meta) in session.InputMetadata)
            {
                var shape = meta.Dimensions.Select((d, i) => (long)(d > 0 ? d : i == 0 ? batch : side)).ToArray();
                var count = (int)shape.Aggregate(1L, (a, b) => a * b);
                names.Add(name);
                values.Add(meta.ElementDataType switch
                {
                    TensorElementType.Int64 => OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(16000L, count).ToArray(), shape),
                    _ => OrtValue.CreateTensorValueFromMemory(Enumerable.Range(0, count).Select(i => (float)((i % 255) / 255.0)).ToArray(), shape),
                });
            }

            using var options = new RunOptions();
            var outputs = session.OutputMetadata.Keys.ToList();
            using (session.Run(options, names, values, outputs))
            {
            }

            var clock = Stopwatch.StartNew();
            for (var r = 0; r < runs; r++)
            {
                using var result = session.Run(options, names, values, outputs);
            }

            return clock.Elapsed.TotalSeconds;
        }
        finally
        {
            foreach (var v in values)
            {
                v.Dispose();
            }
        }
    }
}
