using HlScalper.Engine.Events;
using HlScalper.Gateway.Exchange;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Codec;

namespace HlScalper.Gateway.Orders;

/// <summary>Routes the codec's post responses by id: the order sender's ids (≥ <see cref="OrderSender{TSink}.PostIdBase"/>) to it, the rest to the exchange client.</summary>
public static class PostResponseRouter
{
    public static PostResponseHandler Create<TSink>(OrderSender<TSink>? sender, ExchangeClient? client) where TSink : struct, IMarketEventSink =>
        (long id, in PostReply reply) =>
        {
            if (OrderSender<TSink>.OwnsPostId(id)) sender?.OnPostResponse(id, in reply);
            else client?.OnPostResponse(id, reply.Response);
        };
}
