"""Export a PyTorch model for a dpaudit audit: TorchScript and ONNX files, the member list, a
scores CSV, and the scores of your own shadow models. Documentation, not part of dpaudit's build:
copy the parts you need into your training code. Formats: docs/own-models.md.

    python export_pytorch.py          # writes into ./dpaudit-export/

Then, for example:

    dpaudit import --torchscript dpaudit-export/model.pt --dataset mnist \
        --members dpaudit-export/members.txt --out runs/mine
    dpaudit import --scores dpaudit-export/scores.csv --out runs/mine-scores      # no dataset needed
    dpaudit attack --run runs/mine-scores --attack lira --shadow-scores dpaudit-export/shadows

Replace `train`, `model_fn`, `inputs` and `labels` with your own. Indices are positions in your
training set (for dpaudit's datasets: the index in the training partition, e.g. MNIST's 60,000).
"""
import os

import torch
import torch.nn.functional as F

OUT = "dpaudit-export"


def model_fn():
    # Any model; dpaudit probes the input layout ([N, 1, 28, 28], [N, 28, 28] or [N, 784] for MNIST)
    # or takes --input-shape. Standardised inputs: pass --normalize MEAN,STD to dpaudit import.
    return torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))


def train(model, x, y, epochs=20):
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    for _ in range(epochs):
        for i in torch.randperm(len(x)).split(64):
            opt.zero_grad()
            F.cross_entropy(model(x[i]), y[i]).backward()
            opt.step()
    return model.eval()


def write_scores(path, model, x, y, ids, flag_name, flags):
    """One row per example: id, label, 0/1 flag, then one logit per class (full precision)."""
    with torch.no_grad():
        logits = model(x).double()
    k = logits.shape[1]
    with open(path, "w") as f:
        f.write("example,label,%s,%s\n" % (flag_name, ",".join("logit_%d" % c for c in range(k))))
        for i, row in enumerate(logits.tolist()):
            f.write("%d,%d,%d,%s\n" % (ids[i], y[i], flags[i], ",".join(repr(v) for v in row)))


def main(inputs, labels, member_ids, non_member_ids, shadows=16):
    """inputs: float tensor [N, 784] in [0, 1]; labels: long tensor [N]; ids: positions in it."""
    os.makedirs(OUT + "/shadows", exist_ok=True)
    model = train(model_fn(), inputs[member_ids], labels[member_ids])

    # 1. The model itself (eval mode), as TorchScript and as ONNX with a dynamic batch axis.
    example = inputs[:1]
    torch.jit.trace(model, example).save(OUT + "/model.pt")
    torch.onnx.export(model, example, OUT + "/model.onnx", input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}}, opset_version=13)

    # 2. Who was trained on: one index per line (non-members are optional: dpaudit draws them).
    with open(OUT + "/members.txt", "w") as f:
        f.write("\n".join(str(i) for i in member_ids.tolist()) + "\n")
    with open(OUT + "/non-members.txt", "w") as f:
        f.write("\n".join(str(i) for i in non_member_ids.tolist()) + "\n")

    # 3. Only predictions can leave the building: the model's logits on members and non-members.
    challenge = torch.cat([member_ids, non_member_ids])
    member = [1] * len(member_ids) + [0] * len(non_member_ids)
    write_scores(OUT + "/scores.csv", model, inputs[challenge], labels[challenge].tolist(), challenge.tolist(),
                 "member", member)

    # 4. Your own shadow models (LiRA's recipe, as dpaudit trains its own: pairs of shadows, each
    #    trained like the target on one of two complementary random halves of the challenge
    #    examples, so every example is IN for exactly half of them), scored on every challenge
    #    example with the flag saying whether it was in that shadow's training set.
    for pair in range(shadows // 2):
        first = torch.zeros(len(challenge), dtype=torch.bool)
        first[torch.randperm(len(challenge))[: len(challenge) // 2]] = True
        for side, keep in enumerate([first, ~first]):
            shadow = train(model_fn(), inputs[challenge[keep]], labels[challenge[keep]])
            write_scores(OUT + "/shadows/shadow-%04d.csv" % (2 * pair + side), shadow, inputs[challenge],
                         labels[challenge].tolist(), challenge.tolist(), "in", keep.int().tolist())


if __name__ == "__main__":
    # Stand-in data so the script runs as it is; use your training set instead.
    torch.manual_seed(0)
    x = torch.rand(2000, 784)
    y = torch.randint(0, 10, (2000,))
    perm = torch.randperm(2000)
    main(x, y, perm[:500], perm[500:1000], shadows=4)
