using Cbvr.Detectors.Concepts;
using Cbvr.Detectors.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Cbvr.Api.Server;

/// <summary>/api/concepts: the concept bank, concepts trained from example videos or shots, and their removal.</summary>
public static class ConceptEndpoints
{
    /// <summary>One training at a time: each writes the trained set and rescores every video.</summary>
    private static readonly SemaphoreSlim Training = new(1, 1);

    public static IEndpointRouteBuilder MapConceptEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/concepts").WithTags("Concepts");
        group.MapGet("/", List).WithName("ListConcepts").WithSummary("The concept bank, optionally one detector's or only trained concepts");
        group.MapGet("/{id}", Get).WithName("GetConcept")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One concept of the bank (ids look like 'coco:dog' or 'user:diving')");
        group.MapPost("/", TrainAsync).WithName("TrainConcept").ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Train a concept from example videos or shots, save it in the bank and score every video with it");
        group.MapDelete("/{id}", Delete).WithName("DeleteConcept")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Remove a trained concept and its scores (built-in concepts cannot be removed)");
        return app;
    }

    public static Ok<List<BankConceptDto>> List(ConceptBank bank, TrainedConceptStore trained, string? detector = null, [FromQuery(Name = "trained")] bool trainedOnly = false)
    {
        var models = trained.List().ToDictionary(c => c.Id);
        return TypedResults.Ok(bank.List(detector, trainedOnly ? BankConcept.Trained : null).Select(c => From(c, models.GetValueOrDefault(c.Id))).ToList());
    }

    public static Results<Ok<BankConceptDto>, ProblemHttpResult> Get(string id, ConceptBank bank, TrainedConceptStore trained) =>
        bank.Find(id) is { } concept
            ? TypedResults.Ok(From(concept, trained.List().FirstOrDefault(t => t.Id == concept.Id)))
            : VideoEndpoints.NotFound($"no concept with id '{id}'");

    /// <summary>Training is CPU work: it runs on the thread pool; the trainer's refusals (bad examples, names) become 400.</summary>
    public static async Task<Results<Created<TrainedConceptDto>, ProblemHttpResult>> TrainAsync(TrainConceptRequest? request, ConceptTrainer trainer, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request?.Name))
        {
            return BadConcept("name: give the concept's name (letters, digits, '_' or '-')");
        }

        if (request.Positives is not { Count: > 0 } positives || positives.Any(string.IsNullOrWhiteSpace))
        {
            return BadConcept("positives: give at least one example, as VIDEOID (every shot) or VIDEOID:SHOT");
        }

        var negatives = request.Negatives ?? [];
        if (negatives.Any(string.IsNullOrWhiteSpace))
        {
            return BadConcept("negatives: an example is empty; give VIDEOID or VIDEOID:SHOT");
        }

        await Training.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var report = await Task.Run(() => trainer.Train(request.Name, positives, negatives, request.Description ?? ""), CancellationToken.None).ConfigureAwait(false);
            var c = report.Concept;
            var dto = new TrainedConceptDto(c.Id, c.Name, c.Definition.Description, c.PositiveShots, c.NegativeShots, c.CrossValidatedAp, c.ChanceAp, report.VideosScored);
            return TypedResults.Created("/api/concepts/" + Uri.EscapeDataString(c.Id), dto);
        }
        catch (InvalidOperationException e)
        {
            return BadConcept($"concept '{request.Name}': {e.Message}");
        }
        finally
        {
            Training.Release();
        }
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, ConceptBank bank, ConceptTrainer trainer, CancellationToken cancellationToken)
    {
        if (bank.Find(id) is not { } concept)
        {
            return VideoEndpoints.NotFound($"no concept with id '{id}'");
        }

        if (concept.Kind != BankConcept.Trained || concept.Detector != TrainedConcept.Detector)
        {
            return BadConcept($"concept '{id}' is built in (detector '{concept.Detector}'); only trained concepts can be removed");
        }

        await Training.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var removed = await Task.Run(() => trainer.Remove(concept.Id[(TrainedConcept.Detector.Length + 1)..]), CancellationToken.None).ConfigureAwait(false);
            return removed ? TypedResults.NoContent() : VideoEndpoints.NotFound($"no trained concept with id '{id}'");
        }
        finally
        {
            Training.Release();
        }
    }

    private static BankConceptDto From(BankConcept c, TrainedConcept? model) => new(
        c.Id, c.Detector, c.Name, c.Synonyms, c.Description, c.Kind, model?.CrossValidatedAp, model?.ChanceAp, model?.PositiveShots, model?.NegativeShots);

    private static ProblemHttpResult BadConcept(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad concept");
}
