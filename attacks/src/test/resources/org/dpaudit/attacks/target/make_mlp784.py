"""Generates mlp784.pt, mlp784.onnx and linear100.pt, the fixtures of the [N, 784] import tests.

The model a PyTorch user would write: nn.Sequential(nn.Linear(784, 32), nn.ReLU(), nn.Linear(32, 10)),
input a flat batch [N, 784] of MNIST pixels in [0, 1] (dpaudit feeds MNIST as [N, 1, 28, 28], so the
import must find the layout), trained without privacy on the first 200 MNIST training images (the
members of the tests) until it overfits them, so the loss attack has something to find. The same
weights are saved twice: TorchScript (torch.jit.trace) and ONNX (torch.onnx.export, batch axis
dynamic), so a test can check that both formats give the same attack.

Made with Debian's python3-torch 1.13 (apt-get install python3-torch), reading dpaudit's MNIST cache:
    /usr/bin/python3 make_mlp784.py ~/.dpaudit/datasets/mnist
"""
import sys

import numpy as np
import torch


def idx(path, offset):
    with open(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


root = sys.argv[1]
images = idx(root + "/train-images-idx3-ubyte", 16).reshape(-1, 784)[:200]
labels = idx(root + "/train-labels-idx1-ubyte", 8)[:200]
x = torch.from_numpy(images.astype(np.float32)) / 255.0
y = torch.from_numpy(labels.astype(np.int64))

torch.manual_seed(0)
model = torch.nn.Sequential(torch.nn.Linear(784, 32), torch.nn.ReLU(), torch.nn.Linear(32, 10))
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
for epoch in range(40):
    perm = torch.randperm(200)
    for b in range(0, 200, 20):
        i = perm[b:b + 20]
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(x[i]), y[i]).backward()
        opt.step()
model.eval()
with torch.no_grad():
    print("member accuracy", (model(x).argmax(1) == y).float().mean().item())
    example = torch.zeros(1, 784)
    torch.jit.trace(model, example).save("mlp784.pt")
    torch.onnx.export(model, example, "mlp784.onnx", input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}}, opset_version=13)
print("wrote mlp784.pt and mlp784.onnx")

# linear100.pt: a model no MNIST layout fits (it wants [N, 100]), for the one-line error.
torch.jit.trace(torch.nn.Linear(100, 10).eval(), torch.zeros(1, 100)).save("linear100.pt")
print("wrote linear100.pt")
