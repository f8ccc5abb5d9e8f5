namespace HlScalper.Engine.Orders;

/// <summary>Where the engine sends its intents: the live order sender, a dry-run log, or the simulated exchange.</summary>
public interface IOrderSink
{
    void Submit(in OrderIntent intent);
}
